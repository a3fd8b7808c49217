"""History keeps the free text about the pupil encrypted too: the event columns take the
field class of the tracked models (core.encryption.EncryptedTextField/CharField, text in the
database like the tracked columns, so the history triggers copy them unchanged), and the
existing history rows are encrypted in place."""

import core.encryption
from django.db import migrations

# The history copies of the columns evaluations 0002 and intake 0003 encrypted.
COLUMNS = {
    "quality_planevent": ["pupil_view"],
    "quality_goalevent": ["description", "actions"],
    "quality_evaluationevent": ["participants", "pupil_view", "notes"],
    "quality_goalreviewevent": ["explanation", "extra_actions", "needed"],
    "quality_loadprofileversionevent": [
        "general",
        "development_perspective",
        "functioning",
        "schedule_load",
        "free_moments_load",
        "specific_agreements",
        "home_load",
        "overload_signals",
        "signal_judged_by",
        "school_addition",
        "joint_goals",
        "agreed_with",
        "evaluated_with",
    ],
    "quality_meetingitemevent": ["minutes"],
    "quality_meetingactionevent": ["description"],
    "quality_registrationevent": ["opp_exit_destination"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0006_consent_history_shares_intake"),
        ("evaluations", "0002_encrypt_free_text"),
        ("intake", "0003_encrypt_opp_exit_destination"),
    ]

    operations = [
        migrations.AlterField(
            model_name="evaluationevent",
            name="notes",
            field=core.encryption.EncryptedTextField(blank=True, verbose_name="toelichting"),
        ),
        migrations.AlterField(
            model_name="evaluationevent",
            name="participants",
            field=core.encryption.EncryptedTextField(blank=True, verbose_name="deelnemers"),
        ),
        migrations.AlterField(
            model_name="evaluationevent",
            name="pupil_view",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Hoorrecht: de eigen mening van de leerling over de voortgang.",
                verbose_name="wat vindt de leerling?",
            ),
        ),
        migrations.AlterField(
            model_name="goalevent",
            name="actions",
            field=core.encryption.EncryptedTextField(verbose_name="acties (inclusief criteria)"),
        ),
        migrations.AlterField(
            model_name="goalevent",
            name="description",
            field=core.encryption.EncryptedTextField(verbose_name="doel"),
        ),
        migrations.AlterField(
            model_name="goalreviewevent",
            name="explanation",
            field=core.encryption.EncryptedTextField(blank=True, verbose_name="toelichting"),
        ),
        migrations.AlterField(
            model_name="goalreviewevent",
            name="extra_actions",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="welke aanvullende acties zijn nodig?"
            ),
        ),
        migrations.AlterField(
            model_name="goalreviewevent",
            name="needed",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="wat is er nodig om het doel alsnog te bereiken?"
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="agreed_with",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="met wie afgesproken?"
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="development_perspective",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="gezamenlijk vastgesteld ontwikkelingsperspectief"
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="evaluated_with",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="met wie wordt geëvalueerd?"
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="free_moments_load",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Wisselen van lokaal, tussenuren, pauzes, activiteiten buiten het curriculum, aankomen op school en naar huis gaan.",
                verbose_name="belastbaarheid ten aanzien van de vrije momenten op school",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="functioning",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Zelfstandigheid (werkhouding, taakaanpak, motivatie, organisatie); omgaan met sturing; toezicht; schakelen tussen docenten; pedagogische do's & don'ts; kan de leerling aangeven wanneer het niet goed gaat?",
                verbose_name="functioneren van de leerling",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="general",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Doel: vaststellen of de leerling in staat is volledig aanwezig te zijn op school en welke aanpassingen in uren en/of programma nodig zijn.",
                verbose_name="algemeen over het profiel",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="home_load",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Behandelcontacten, huiswerk, dag-nachtritme, sociale media, eetgedrag, hobby's.",
                verbose_name="belastbaarheid ten aanzien van de vrije tijd/thuis(-situatie)",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="joint_goals",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="welke gezamenlijke doelen?"
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="overload_signals",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Spanningsklachten, psychosomatische klachten.",
                verbose_name="bij welke signalen is er sprake van overbelasting?",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="schedule_load",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Later beginnen / eerder ophouden / break in de week; vrijstelling of dispensatie; spreiding van programma; onderschrijding onderwijstijd.",
                verbose_name="belastbaarheid ten aanzien van lesrooster",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="school_addition",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Vertaalslag naar de dagelijkse gang van zaken op school.",
                verbose_name="aanvulling vanuit school",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="signal_judged_by",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="In overleg met ouders, jeugdarts, leerplicht, GGZ.",
                verbose_name="wie vanuit school beoordeelt het signaal?",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversionevent",
            name="specific_agreements",
            field=core.encryption.EncryptedTextField(
                blank=True,
                verbose_name="specifieke afspraken (w.c.-gang, eten, drinken, medicatie, telefoon)",
            ),
        ),
        migrations.AlterField(
            model_name="meetingactionevent",
            name="description",
            field=core.encryption.EncryptedTextField(verbose_name="actie"),
        ),
        migrations.AlterField(
            model_name="meetingitemevent",
            name="minutes",
            field=core.encryption.EncryptedTextField(blank=True, verbose_name="verslag"),
        ),
        migrations.AlterField(
            model_name="planevent",
            name="pupil_view",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Hoorrecht: de eigen mening van de leerling over het plan.",
                verbose_name="wat vindt de leerling van het plan?",
            ),
        ),
        migrations.AlterField(
            model_name="registrationevent",
            name="opp_exit_destination",
            field=core.encryption.EncryptedCharField(
                blank=True,
                help_text="Volgens het OPP, bijvoorbeeld 'vmbo-tl diploma, daarna mbo niveau 3'.",
                max_length=200,
                verbose_name="verwachte uitstroombestemming",
            ),
        ),
        core.encryption.encrypt_columns(COLUMNS, pk="pgh_id", history=False),
    ]
