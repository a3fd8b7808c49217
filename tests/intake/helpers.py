"""Valid form data for the intake tests (field names with their form prefixes)."""


def school_registration_data(**overrides) -> dict:
    """A valid registration by a gedragsdeskundige (form field names with their prefixes)."""
    data = {
        "student-first_name": "Noor",
        "student-last_name": "de Vries",
        "student-birth_date": "2012-03-14",
        "student-gender": "f",
        "student-bsn": "1234.56.782",
        "student-level": "havo",
        "student-school_year": "2",
        "student-class_name": "2B",
        "student-residence": "Veendam",
        "guardian1-name": "Anja de Vries",
        "guardian1-role": "parent_custody",
        "guardian1-address": "Kerkstraat 1",
        "guardian1-residence": "Veendam",
        "guardian1-phone": "06 12345678",
        "guardian1-email": "anja@example.nl",
        "situation-kind": "intensive",
        "situation-absence_kind": "relative",
        "situation-absence_extent": "full",
        "situation-absent_since": "2026-10-01",
        "registration-support_needed": "on",
        "registration-support_reason": "Angstklachten, komt sinds oktober niet meer in de klas.",
        "registration-support_where": "Op school, met begeleiding vanuit jeugdhulp.",
        "registration-support_what": "Een opbouwrooster en een vaste begeleider.",
        "registration-has_opp": "on",
        "registration-opp_exit_destination": "havo-diploma",
        "registration-opp_hindering_factors": "Faalangst.",
        "registration-opp_promoting_factors": "Slim, gemotiveerd voor biologie.",
        "registration-support_so_far": "Mentorgesprekken, time-outkaart.",
        "registration-parents_informed": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def on_behalf_registration_data(**overrides) -> dict:
    data = school_registration_data(
        **{
            "route-route": "cjg",
            "route-school": "",
            "situation-absence_kind": "absolute",
            "registration-support_needed": None,
        }
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
