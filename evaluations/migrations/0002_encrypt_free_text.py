"""Free text about the pupil encrypted at rest (policy: core.encryption), existing rows too.
The history triggers skip the rewrite: it is no change anyone made. quality 0007 does the
history tables."""

import core.encryption
from django.db import migrations

# The free text about the pupil, per table (core.encryption's policy).
COLUMNS = {
    "evaluations_plan": ["pupil_view"],
    "evaluations_goal": ["description", "actions"],
    "evaluations_evaluation": ["participants", "pupil_view", "notes"],
    "evaluations_goalreview": ["explanation", "extra_actions", "needed"],
    "evaluations_loadprofileversion": [
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
    "evaluations_meetingitem": ["minutes"],
    "evaluations_meetingaction": ["description"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="evaluation",
            name="notes",
            field=core.encryption.EncryptedTextField(blank=True, verbose_name="toelichting"),
        ),
        migrations.AlterField(
            model_name="evaluation",
            name="participants",
            field=core.encryption.EncryptedTextField(blank=True, verbose_name="deelnemers"),
        ),
        migrations.AlterField(
            model_name="evaluation",
            name="pupil_view",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Hoorrecht: de eigen mening van de leerling over de voortgang.",
                verbose_name="wat vindt de leerling?",
            ),
        ),
        migrations.AlterField(
            model_name="goal",
            name="actions",
            field=core.encryption.EncryptedTextField(verbose_name="acties (inclusief criteria)"),
        ),
        migrations.AlterField(
            model_name="goal",
            name="description",
            field=core.encryption.EncryptedTextField(verbose_name="doel"),
        ),
        migrations.AlterField(
            model_name="goalreview",
            name="explanation",
            field=core.encryption.EncryptedTextField(blank=True, verbose_name="toelichting"),
        ),
        migrations.AlterField(
            model_name="goalreview",
            name="extra_actions",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="welke aanvullende acties zijn nodig?"
            ),
        ),
        migrations.AlterField(
            model_name="goalreview",
            name="needed",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="wat is er nodig om het doel alsnog te bereiken?"
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="agreed_with",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="met wie afgesproken?"
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="development_perspective",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="gezamenlijk vastgesteld ontwikkelingsperspectief"
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="evaluated_with",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="met wie wordt geëvalueerd?"
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="free_moments_load",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Wisselen van lokaal, tussenuren, pauzes, activiteiten buiten het curriculum, aankomen op school en naar huis gaan.",
                verbose_name="belastbaarheid ten aanzien van de vrije momenten op school",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="functioning",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Zelfstandigheid (werkhouding, taakaanpak, motivatie, organisatie); omgaan met sturing; toezicht; schakelen tussen docenten; pedagogische do's & don'ts; kan de leerling aangeven wanneer het niet goed gaat?",
                verbose_name="functioneren van de leerling",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="general",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Doel: vaststellen of de leerling in staat is volledig aanwezig te zijn op school en welke aanpassingen in uren en/of programma nodig zijn.",
                verbose_name="algemeen over het profiel",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="home_load",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Behandelcontacten, huiswerk, dag-nachtritme, sociale media, eetgedrag, hobby's.",
                verbose_name="belastbaarheid ten aanzien van de vrije tijd/thuis(-situatie)",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="joint_goals",
            field=core.encryption.EncryptedTextField(
                blank=True, verbose_name="welke gezamenlijke doelen?"
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="overload_signals",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Spanningsklachten, psychosomatische klachten.",
                verbose_name="bij welke signalen is er sprake van overbelasting?",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="schedule_load",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Later beginnen / eerder ophouden / break in de week; vrijstelling of dispensatie; spreiding van programma; onderschrijding onderwijstijd.",
                verbose_name="belastbaarheid ten aanzien van lesrooster",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="school_addition",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Vertaalslag naar de dagelijkse gang van zaken op school.",
                verbose_name="aanvulling vanuit school",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="signal_judged_by",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="In overleg met ouders, jeugdarts, leerplicht, GGZ.",
                verbose_name="wie vanuit school beoordeelt het signaal?",
            ),
        ),
        migrations.AlterField(
            model_name="loadprofileversion",
            name="specific_agreements",
            field=core.encryption.EncryptedTextField(
                blank=True,
                verbose_name="specifieke afspraken (w.c.-gang, eten, drinken, medicatie, telefoon)",
            ),
        ),
        migrations.AlterField(
            model_name="meetingaction",
            name="description",
            field=core.encryption.EncryptedTextField(verbose_name="actie"),
        ),
        migrations.AlterField(
            model_name="meetingitem",
            name="minutes",
            field=core.encryption.EncryptedTextField(blank=True, verbose_name="verslag"),
        ),
        migrations.AlterField(
            model_name="plan",
            name="pupil_view",
            field=core.encryption.EncryptedTextField(
                blank=True,
                help_text="Hoorrecht: de eigen mening van de leerling over het plan.",
                verbose_name="wat vindt de leerling van het plan?",
            ),
        ),
        core.encryption.encrypt_columns(COLUMNS),
    ]
