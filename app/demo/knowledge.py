# ruff: noqa: E501  (demo prose: long German lines read better unbroken than re-wrapped)
"""Demo answers for the knowledge base: real questions of newcomers and offices in the district.

The texts summarise the general rules; each names the office that decides in the single case.
Some translations are deliberately older than the German text, so the out-of-date mark shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.accounts.models import Organisation, Region, User
from app.knowledge import services
from app.knowledge.models import ArticleStatus, Audience
from app.knowledge.services import ArticleSettings, ArticleText


@dataclass(frozen=True)
class DemoArticle:
    organisation: str  # key in the demo organisations
    texts: list[ArticleText]
    audience: Audience = Audience.PUBLIC
    status: ArticleStatus = ArticleStatus.PUBLISHED
    valid_days: int | None = 365
    # A German revision saved after the translations, which makes them out of date.
    revision: ArticleText | None = None
    whole_district: bool = True
    extra: dict[str, str] = field(default_factory=dict)


T = ArticleText

ARTICLES = [
    DemoArticle(
        "org-lk-integration",
        [
            T(
                "de",
                "Wie lasse ich meinen ausländischen Berufsabschluss anerkennen?",
                "Für reglementierte Berufe (z. B. Ärztin, Pflegefachkraft, Lehrer, Erzieherin) "
                "brauchen Sie eine Anerkennung, bevor Sie in dem Beruf arbeiten dürfen. Für andere "
                "Berufe hilft eine Anerkennung bei der Bewerbung.\n\nSo geht es: Mit dem "
                "Anerkennungs-Finder auf anerkennung-in-deutschland.de die zuständige Stelle finden; "
                "Zeugnisse, Fächerliste und Nachweise über Berufserfahrung mit beglaubigter "
                "Übersetzung einreichen. Die Stelle entscheidet in der Regel innerhalb von drei "
                "Monaten nach vollständigen Unterlagen. Die Kosten können Jobcenter oder Agentur "
                "für Arbeit übernehmen – fragen Sie vorher. Kostenlose Beratung bietet das "
                "IQ-Netzwerk.",
                "Anerkennung, Berufsabschluss, Zeugnis, Abschluss",
                "Gleichwertigkeit, Diplom, BQFG",
            ),
            T(
                "en",
                "How do I get my foreign qualification recognised?",
                "Regulated professions (e.g. doctor, nurse, teacher, educator) need recognition "
                "before you may work in them. For other professions, recognition helps your "
                "application.\n\nFind the competent authority with the Recognition Finder on "
                "anerkennung-in-deutschland.de and submit certificates, subject lists and proof of "
                "work experience with certified translations. The authority usually decides within "
                "three months of complete documents. The Jobcenter or the employment agency may pay "
                "the fees – ask before you apply. The IQ network advises free of charge.",
                "recognition, qualification, certificate, degree",
                "diploma, equivalence",
            ),
            T(
                "ar",
                "كيف أعادل شهادتي المهنية الأجنبية؟",
                "المهن المنظمة (مثل الطبيب والممرض والمعلم) تحتاج إلى معادلة قبل العمل فيها. "
                "ابحث عن الجهة المختصة على anerkennung-in-deutschland.de وقدّم الشهادات مع ترجمة "
                "معتمدة.",
                "معادلة, شهادة",
                "",
            ),
            T(
                "uk",
                "Як визнати мою іноземну професійну кваліфікацію?",
                "Для регульованих професій (лікар, медсестра, вчитель) потрібне визнання до "
                "початку роботи. Знайдіть відповідальний орган на anerkennung-in-deutschland.de і "
                "подайте документи із завіреним перекладом.",
                "визнання, диплом",
                "",
            ),
        ],
        revision=T(
            "de",
            "Wie lasse ich meinen ausländischen Berufsabschluss anerkennen?",
            "Für reglementierte Berufe (z. B. Ärztin, Pflegefachkraft, Lehrer, Erzieherin) "
            "brauchen Sie eine Anerkennung, bevor Sie in dem Beruf arbeiten dürfen. Für "
            "andere Berufe hilft eine Anerkennung bei der Bewerbung.\n\nSo geht es: Mit "
            "dem Anerkennungs-Finder auf anerkennung-in-deutschland.de die zuständige "
            "Stelle finden; Zeugnisse, Fächerliste und Nachweise über Berufserfahrung mit "
            "beglaubigter Übersetzung einreichen. Die Stelle entscheidet in der Regel "
            "innerhalb von drei Monaten nach vollständigen Unterlagen. Die Kosten können "
            "Jobcenter oder Agentur für Arbeit übernehmen – fragen Sie vorher.\n\nNeu im "
            "Landkreis: Die Beratung des IQ-Netzwerks findet jeden Dienstag im Kreishaus "
            "statt; bitte Termin über den Fachdienst Integration vereinbaren.",
            "Anerkennung, Berufsabschluss, Zeugnis, Abschluss",
            "Gleichwertigkeit, Diplom, BQFG",
        ),
    ),
    DemoArticle(
        "org-lk-integration",
        [
            T(
                "de",
                "Wo finde ich einen Integrationskurs?",
                "Der Integrationskurs des Bundesamts für Migration und Flüchtlinge (BAMF) besteht "
                "aus einem Sprachkurs (in der Regel 600 Unterrichtseinheiten) und einem "
                "Orientierungskurs (100 Einheiten) und endet mit dem Deutsch-Test für Zuwanderer "
                "(Ziel B1) und dem Test „Leben in Deutschland“. Sie brauchen eine Zulassung oder "
                "Verpflichtung – von der Ausländerbehörde, dem Jobcenter oder auf Antrag vom BAMF. "
                "Kursträger in Ihrer Nähe finden Sie mit BAMF-NAvI; wer Bürgergeld oder Leistungen "
                "nach dem Asylbewerberleistungsgesetz bezieht, kann von den Kosten befreit werden.",
                "Integrationskurs, Sprachkurs, Deutschkurs, BAMF",
                "Orientierungskurs, DTZ",
            ),
            T(
                "en",
                "Where do I find an integration course?",
                "The integration course of the Federal Office for Migration and Refugees (BAMF) is "
                "a language course (usually 600 lessons) plus an orientation course (100 lessons), "
                "ending with the German test for immigrants (target B1) and the test 'Life in "
                "Germany'. You need an admission or obligation from the foreigners' office, the "
                "Jobcenter, or the BAMF on application. Find course providers near you with "
                "BAMF-NAvI; people receiving citizen's income or asylum seekers' benefits can be "
                "exempted from the fee.",
                "integration course, language course, German course, BAMF",
                "orientation course",
            ),
            T(
                "ar",
                "أين أجد دورة الاندماج؟",
                "دورة الاندماج من المكتب الاتحادي للهجرة واللاجئين (BAMF) تتكون من دورة لغة ودورة "
                "توجيه. تحتاج إلى إذن من دائرة الأجانب أو مركز العمل.",
                "دورة الاندماج, اللغة",
                "",
            ),
            T(
                "uk",
                "Де знайти інтеграційний курс?",
                "Інтеграційний курс BAMF складається з мовного курсу та орієнтаційного курсу. "
                "Потрібен допуск від відомства у справах іноземців, Jobcenter або BAMF.",
                "інтеграційний курс, німецька",
                "",
            ),
        ],
    ),
    DemoArticle(
        "org-lk-integration",
        [
            T(
                "de",
                "Was erlaubt eine Duldung?",
                "Eine Duldung ist kein Aufenthaltstitel: Sie bescheinigt, dass die Abschiebung "
                "vorübergehend ausgesetzt ist. Arbeiten oder eine Ausbildung beginnen dürfen Sie "
                "nur mit Erlaubnis der Ausländerbehörde – beantragen Sie sie mit dem konkreten "
                "Arbeitsangebot. Eine Ausbildung oder eine dauerhafte Beschäftigung kann zu einer "
                "Ausbildungs- oder Beschäftigungsduldung und später zu einem Aufenthaltstitel "
                "führen. Lassen Sie sich vor jedem Schritt beraten, z. B. bei der "
                "Migrationsberatung.",
                "Duldung, Arbeitserlaubnis, Beschäftigungserlaubnis",
                "Aussetzung der Abschiebung, Ausbildungsduldung",
            ),
            T(
                "en",
                "What does a Duldung (toleration) allow?",
                "A Duldung is not a residence permit: it certifies that deportation is temporarily "
                "suspended. You may work or start training only with the foreigners' office's "
                "permission – apply with the concrete job offer.",
                "Duldung, toleration, work permit",
                "suspension of deportation",
            ),
            T(
                "ar",
                "ماذا يسمح به التسامح (Duldung)؟",
                "الـ Duldung ليست إقامة، بل تعليق مؤقت للترحيل. العمل يحتاج إلى إذن من دائرة "
                "الأجانب.",
                "دولدونغ, تصريح عمل",
                "",
            ),
        ],
    ),
    DemoArticle(
        "org-lk-integration",
        [
            T(
                "de",
                "Was bedeutet die Wohnsitzauflage?",
                "Anerkannte Geflüchtete müssen nach § 12a Aufenthaltsgesetz in der Regel drei "
                "Jahre in dem Bundesland oder Ort wohnen, dem sie zugewiesen wurden. Die Auflage "
                "wird aufgehoben, wenn Sie anderswo eine Arbeit mit mindestens 15 Wochenstunden und "
                "ausreichendem Einkommen, eine Ausbildung oder ein Studium aufnehmen, oder wenn "
                "Ihr Ehepartner oder Ihre Kinder anderswo leben. Der Antrag geht an die "
                "Ausländerbehörde, bei der Sie jetzt gemeldet sind.",
                "Wohnsitzauflage, Umzug, Wohnort",
                "Wohnsitzregelung, 12a",
            ),
            T(
                "en",
                "What does the residence obligation (Wohnsitzauflage) mean?",
                "Recognised refugees usually must live for three years in the federal state or "
                "place they were assigned to. The obligation is lifted if you take up a job of at "
                "least 15 hours a week with sufficient income, training or studies elsewhere, or "
                "if your spouse or children live elsewhere. Apply at your current foreigners' "
                "office.",
                "residence obligation, moving",
                "Wohnsitzauflage",
            ),
            T(
                "uk",
                "Що означає обов'язок проживання (Wohnsitzauflage)?",
                "Визнані біженці зазвичай повинні три роки жити в призначеній землі або місці. "
                "Обов'язок скасовується при роботі від 15 годин на тиждень, навчанні або "
                "возз'єднанні сім'ї.",
                "місце проживання",
                "",
            ),
        ],
    ),
    DemoArticle(
        "org-caritas",
        [
            T(
                "de",
                "Warum brauchen Mentorinnen und Mentoren ein erweitertes Führungszeugnis?",
                "Wer Kinder oder Jugendliche begleitet, legt ein erweitertes Führungszeugnis nach "
                "§ 30a Bundeszentralregistergesetz vor. Sie beantragen es beim Bürgerbüro Ihrer "
                "Gemeinde oder online mit der eID-Funktion Ihres Ausweises. Für ein Ehrenamt ist es "
                "mit einer Bestätigung der Organisation gebührenfrei. Es sollte bei Vorlage nicht "
                "älter als drei Monate sein; die Koordination prüft es und vermerkt das Datum.",
                "Führungszeugnis, Ehrenamt, Mentor",
                "Polizeiliches Führungszeugnis, 30a",
            ),
            T(
                "en",
                "Why do mentors need an extended certificate of conduct?",
                "Anyone accompanying children or young people presents an extended certificate of "
                "conduct (erweitertes Führungszeugnis). Apply at your municipality's citizens' "
                "office or online with your ID card's eID function; for volunteering it is free "
                "with a confirmation from the organisation. It should be no older than three "
                "months; the coordination checks it and records the date.",
                "certificate of conduct, police certificate, volunteer",
                "criminal record",
            ),
        ],
    ),
    DemoArticle(
        "org-massarbeit",
        [
            T(
                "de",
                "Was macht das Jobcenter für mich?",
                "Das Jobcenter – im Landkreis Osnabrück die MaßArbeit – zahlt Bürgergeld an "
                "erwerbsfähige Menschen, die ihren Lebensunterhalt nicht selbst sichern können, "
                "und hilft bei Arbeitssuche, Sprachkursen, Anerkennung und Weiterbildung. Während "
                "des Asylverfahrens ist stattdessen das Sozialamt zuständig. Bringen Sie zum ersten "
                "Termin Ausweis oder Aufenthaltspapier, Mietvertrag und Kontoauszüge mit.",
                "Jobcenter, Bürgergeld, Arbeitssuche, MaßArbeit",
                "Arbeitslosengeld II, Hartz",
            ),
            T(
                "en",
                "What does the Jobcenter do for me?",
                "The Jobcenter – in the district of Osnabrück MaßArbeit – pays citizen's income to "
                "people able to work who cannot support themselves, and helps with job search, "
                "language courses, recognition and further training. During the asylum procedure "
                "the social welfare office is responsible instead.",
                "Jobcenter, citizen's income, job search",
                "unemployment benefit",
            ),
            T(
                "uk",
                "Що робить для мене Jobcenter?",
                "Jobcenter (у районі Оснабрюк – MaßArbeit) виплачує Bürgergeld і допомагає з "
                "пошуком роботи, мовними курсами та визнанням дипломів.",
                "Jobcenter, робота",
                "",
            ),
        ],
    ),
    DemoArticle(
        "org-lk-integration",
        [
            T(
                "de",
                "Wie bekomme ich einen Kita-Platz?",
                "Jedes Kind hat ab dem ersten Geburtstag einen Rechtsanspruch auf einen Platz in "
                "einer Kita oder Kindertagespflege. Melden Sie Ihr Kind früh bei Ihrer Gemeinde "
                "oder direkt bei den Kitas an – oft ein halbes Jahr vorher. In Niedersachsen ist "
                "der Kita-Besuch ab drei Jahren bis zur Schule für bis zu acht Stunden täglich "
                "beitragsfrei. Wenn Sie keinen Platz finden, hilft der Fachdienst Jugend.",
                "Kita, Kindergarten, Krippe, Kinderbetreuung",
                "Kindertagesstätte, Tagespflege",
            ),
            T(
                "en",
                "How do I get a daycare (Kita) place?",
                "Every child from its first birthday has a legal right to a place in daycare or "
                "with a childminder. Register your child early with your municipality or directly "
                "with daycare centres – often six months ahead. In Lower Saxony daycare is free "
                "from age three until school for up to eight hours a day.",
                "daycare, kindergarten, childcare, Kita",
                "nursery",
            ),
            T(
                "ar",
                "كيف أحصل على مكان في الحضانة (Kita)؟",
                "لكل طفل من عمر سنة حق قانوني في مكان في الحضانة. سجّل طفلك مبكراً لدى البلدية.",
                "حضانة, روضة",
                "",
            ),
        ],
    ),
    DemoArticle(
        "org-lk-integration",
        [
            T(
                "de",
                "Wie melde ich mein Kind in der Schule an?",
                "In Niedersachsen gilt Schulpflicht für alle Kinder, auch während des "
                "Asylverfahrens. Grundschulkinder melden Sie bei der Grundschule Ihres "
                "Wohnbezirks an; für ältere Kinder berät das Regionale Landesamt für Schule und "
                "Bildung Osnabrück, welche Schule passt. Viele Schulen haben Sprachlernklassen. "
                "Bringen Sie Meldebescheinigung, Ausweis des Kindes und frühere Zeugnisse mit.",
                "Schule, Schulanmeldung, Schulpflicht",
                "Einschulung, Sprachlernklasse",
            ),
            T(
                "en",
                "How do I register my child at school?",
                "School attendance is compulsory in Lower Saxony for all children, also during "
                "the asylum procedure. Register primary-school children at the primary school of "
                "your area; for older children the regional state office for schools in Osnabrück "
                "advises which school fits.",
                "school, registration, compulsory schooling",
                "enrolment",
            ),
            T(
                "uk",
                "Як записати дитину до школи?",
                "У Нижній Саксонії навчання в школі обов'язкове для всіх дітей. Зверніться до "
                "початкової школи за місцем проживання.",
                "школа, реєстрація",
                "",
            ),
        ],
        revision=T(
            "de",
            "Wie melde ich mein Kind in der Schule an?",
            "In Niedersachsen gilt Schulpflicht für alle Kinder, auch während des "
            "Asylverfahrens. Grundschulkinder melden Sie bei der Grundschule Ihres "
            "Wohnbezirks an; für ältere Kinder berät das Regionale Landesamt für Schule "
            "und Bildung Osnabrück, welche Schule passt. Viele Schulen haben "
            "Sprachlernklassen. Bringen Sie Meldebescheinigung, Ausweis des Kindes, "
            "frühere Zeugnisse und den Impfnachweis gegen Masern mit.",
            "Schule, Schulanmeldung, Schulpflicht",
            "Einschulung, Sprachlernklasse",
        ),
    ),
    DemoArticle(
        "org-lk-integration",
        [
            T(
                "de",
                "Wie lasse ich meinen Führerschein umschreiben?",
                "Ein Führerschein aus einem Land außerhalb der EU gilt in Deutschland sechs Monate "
                "ab Begründung Ihres Wohnsitzes. Danach brauchen Sie einen deutschen Führerschein: "
                "Beantragen Sie die Umschreibung bei der Führerscheinstelle des Landkreises. Je nach "
                "Ausstellungsland sind eine theoretische und praktische Prüfung nötig; dazu "
                "kommen Sehtest, Erste-Hilfe-Kurs und eine Übersetzung des Führerscheins.",
                "Führerschein, Umschreibung, Fahrerlaubnis",
                "driving licence",
            ),
            T(
                "en",
                "How do I convert my driving licence?",
                "A licence from outside the EU is valid in Germany for six months after you take "
                "up residence. Then you need a German licence: apply for conversion at the "
                "district's driving licence office. Depending on the issuing country a theory and "
                "practical test are needed, plus an eye test, first-aid course and translation.",
                "driving licence, conversion",
                "driver's license",
            ),
        ],
        status=ArticleStatus.IN_REVIEW,
    ),
    DemoArticle(
        "org-wigos",
        [
            T(
                "de",
                "Wie gründe ich ein Gewerbe?",
                "Prüfen Sie zuerst, ob Ihr Aufenthaltspapier die selbständige Tätigkeit erlaubt. "
                "Das Gewerbe melden Sie beim Gewerbeamt Ihrer Gemeinde an (Gebühr meist 20–60 €). "
                "Danach erhalten Sie vom Finanzamt den Fragebogen zur steuerlichen Erfassung "
                "(über ELSTER). Mitglied der IHK oder Handwerkskammer werden Sie automatisch. Die "
                "Gründungsberatung der WIGOS und der Kammern ist kostenlos.",
                "Gewerbeanmeldung, Gründung, Selbständigkeit",
                "Existenzgründung, Gewerbeamt",
            ),
            T(
                "en",
                "How do I register a business?",
                "First check that your residence document allows self-employment. Register the "
                "business at your municipality's trade office (fee usually €20–60). The tax office "
                "then asks for the tax registration questionnaire (via ELSTER). Start-up advice "
                "from WIGOS and the chambers is free.",
                "business registration, start-up, self-employment",
                "founding, trade licence",
            ),
        ],
    ),
    DemoArticle(
        "org-lk-integration",
        [
            T(
                "de",
                "Arbeitshilfe: Beschäftigungserlaubnis bei Duldung prüfen",
                "Intern für Fachdienst und Koordination. Vor der Weiterleitung an die "
                "Ausländerbehörde prüfen: konkretes Stellenangebot mit Arbeitszeit und Lohn, "
                "Identitätsklärung dokumentiert, kein Arbeitsverbot nach § 60a Abs. 6 "
                "AufenthG eingetragen. Zustimmung der Bundesagentur für Arbeit wird von der "
                "Ausländerbehörde eingeholt. Rückmeldung an die Person innerhalb von zwei Wochen.",
                "Beschäftigungserlaubnis, Duldung, intern",
                "Arbeitserlaubnis, 60a",
            ),
        ],
        audience=Audience.INTERNAL,
    ),
    DemoArticle(
        "org-lk-integration",
        [
            T(
                "de",
                "Ablauf: Antrag auf Aufhebung der Wohnsitzauflage",
                "Intern. Antrag mit Arbeitsvertrag (mind. 15 Wochenstunden, Einkommen über dem "
                "Bedarf) oder Ausbildungsvertrag entgegennehmen, Zuzugsbehörde beteiligen, "
                "Entscheidung im Fachverfahren vermerken. Bei Härtefällen Rücksprache mit der "
                "Fachdienstleitung.",
                "Wohnsitzauflage, Umverteilung, intern",
                "12a, Zuzug",
            ),
            T(
                "en",
                "Procedure: application to lift the residence obligation",
                "Internal. Accept the application with an employment contract (at least 15 hours a "
                "week, income above need) or training contract, involve the receiving office, "
                "record the decision.",
                "residence obligation, internal",
                "",
            ),
        ],
        audience=Audience.INTERNAL,
    ),
]


def add_demo_articles(
    editor: User, organisations: dict[str, Organisation], district: Region, today: date
) -> int:
    """Create the demo articles; return how many."""
    for entry in ARTICLES:
        settings = ArticleSettings(
            audience=entry.audience.value,
            organisation_id=organisations[entry.organisation].id
            if entry.organisation in organisations
            else None,
            region_id=district.id if entry.whole_district else None,
            valid_until=today + timedelta(days=entry.valid_days) if entry.valid_days else None,
        )
        article = services.create_article(editor, settings, entry.texts[0])
        for text in entry.texts[1:]:
            services.add_version(article, editor, text)
        if entry.revision is not None:
            services.add_version(article, editor, entry.revision)
        services.set_status(article, entry.status)
    return len(ARTICLES)
