"""The demo data's names and notes in Kazakh and Russian, chosen by the language when the store is made.

Demo data is what a new activist sees first; in a Kazakh or Russian window English names and notes
read as a foreign program. The seed places are written in English in ``demo.py`` (the source, as for
the interface); this table gives each text in Kazakh and Russian. Codes (status, species, branch) are
not here: they are language-neutral and the interface shows their labels. A text missing here stays
in English, and ``tests/test_demo.py`` fails on it.
"""

from __future__ import annotations

from baytak_desktop.layers.demo_identity import ILLUSTRATIVE_MARKS

LANGUAGES = ("en", "kk", "ru")

# English -> (Kazakh, Russian)
TEXTS: dict[str, tuple[str, str]] = {
    # the marks every demo note starts and ends with
    ILLUSTRATIVE_MARKS[0]: ILLUSTRATIVE_MARKS[1:],  # kept in layers.demo_identity, which checks them
    "Dates and figures are illustrative too.": (
        "Күндер мен сандар да шамамен берілген.",
        "Даты и цифры тоже приблизительные.",
    ),
    # quarries
    "Two sand and gravel pits dug without a licence at Abat, Ile district; trucks leave at night.": (
        "Іле ауданы, Абатта лицензиясыз қазылған екі құм-қиыршықтас карьері; жүк көліктері түнде шығады.",
        "Два песчано-гравийных карьера, вырытых без лицензии у Абата, Илийский район; грузовики уезжают ночью.",
    ),
    "Abat sand and gravel pits": ("Абат құм-қиыршықтас карьерлері", "Песчано-гравийные карьеры Абат"),
    "Unlicensed gravel pit on the Karaoy plateau, Ile district, cutting into pasture.": (
        "Іле ауданы, Қараой үстіртіндегі лицензиясыз қиыршықтас карьері жайылымды жеп барады.",
        "Нелицензированный гравийный карьер на плато Караой, Илийский район, врезается в пастбище.",
    ),
    "Karaoy gravel pit": ("Қараой қиыршықтас карьері", "Гравийный карьер Караой"),
    "Old borrow pit near Karaoy, left open after road works; nobody claims it.": (
        "Қараой маңындағы ескі топырақ алу шұңқыры жол жұмыстарынан кейін ашық қалған; иесі жоқ.",
        "Старый грунтовый карьер у Караоя, брошенный после дорожных работ; хозяина нет.",
    ),
    "Karaoy old borrow pit": ("Қараойдың ескі топырақ карьері", "Старый грунтовый карьер Караой"),
    "Licensed sand quarry west of Konaev; check that it stays inside its licensed boundary.": (
        "Қонаевтың батысындағы лицензиясы бар құм карьері; лицензия шекарасынан шықпауын тексеріңіз.",
        "Лицензированный песчаный карьер к западу от Конаева; проверять, что он не выходит за границы лицензии.",
    ),
    "Konaev west sand quarry": ("Қонаев батыс құм карьері", "Западный песчаный карьер Конаева"),
    "Demo Sand LLP (fictitious)": ("«Демо Құм» ЖШС (ойдан алынған)", "ТОО «Демо Песок» (вымышленное)"),
    "Worked-out gravel pit beside the Almaty-Konaev highway, being backfilled and sown with grass.": (
        "Алматы–Қонаев тасжолының бойындағы игеріліп біткен қиыршықтас карьері көміліп, шөп егілуде.",
        "Отработанный гравийный карьер у трассы Алматы–Конаев, засыпается и засевается травой.",
    ),
    "Highway gravel pit (restoration)": (
        "Тасжол бойындағы қиыршықтас карьері (қалпына келтіру)",
        "Гравийный карьер у трассы (рекультивация)",
    ),
    "Demo Gravel LLP (fictitious)": (
        "«Демо Қиыршықтас» ЖШС (ойдан алынған)",
        "ТОО «Демо Гравий» (вымышленное)",
    ),
    # brick factories
    "Brick works at Narynkol, Raiymbek district, closed after residents' complaints about smoke.": (
        "Райымбек ауданы, Нарынқолдағы кірпіш зауыты тұрғындардың түтінге шағымынан кейін жабылды.",
        "Кирпичный завод в Нарынколе, Райымбекский район, закрыт после жалоб жителей на дым.",
    ),
    "Narynkol brick factory": ("Нарынқол кірпіш зауыты", "Нарынкольский кирпичный завод"),
    "Coal-fired kilns; smoke over the village in still winter air.": (
        "Көмірмен жағылатын пештер; желсіз қыста ауыл үстінде түтін тұрады.",
        "Печи на угле; в безветренную зиму дым стоит над селом.",
    ),
    "Brick works at Besagash, Talgar district, on the eastern edge of Almaty.": (
        "Талғар ауданы, Бесағаштағы кірпіш зауыты, Алматының шығыс шетінде.",
        "Кирпичный завод в Бесагаше, Талгарский район, на восточной окраине Алматы.",
    ),
    "Besagash brick factory": ("Бесағаш кірпіш зауыты", "Бесагашский кирпичный завод"),
    "Kilns fired with coal and waste oil until closure.": (
        "Жабылғанға дейін пештер көмірмен және пайдаланылған маймен жағылды.",
        "До закрытия печи топили углём и отработанным маслом.",
    ),
    "Operating brick works near Boraldai, north-west of Almaty; smoke drifts over the city in winter.": (
        "Алматының солтүстік-батысындағы Боралдай маңында жұмыс істеп тұрған кірпіш зауыты; қыста түтін қалаға жетеді.",
        "Действующий кирпичный завод у Боралдая, к северо-западу от Алматы; зимой дым тянется на город.",
    ),
    "Boraldai brick factory": ("Боралдай кірпіш зауыты", "Боралдайский кирпичный завод"),
    "Demo Brick LLP (fictitious)": ("«Демо Кірпіш» ЖШС (ойдан алынған)", "ТОО «Демо Кирпич» (вымышленное)"),
    "Gas-fired since 2021; dust from the clay yard.": (
        "2021 жылдан бері газбен жағылады; саз алаңынан шаң көтеріледі.",
        "С 2021 года на газе; пыль с глиняного двора.",
    ),
    # sewage outflows
    "Inflow of Almaty's wastewater into Sorbulak, the storage lake in Ile district; about 20 settlements "
    "around the lake and along the Kaskelen and Kurty rivers are affected.": (
        "Алматының ағынды сулары Іле ауданындағы жинақтаушы көл Сорбұлаққа құяды; көл маңындағы және "
        "Қаскелең мен Күрті өзендерінің бойындағы 20-дай елді мекен зардап шегеді.",
        "Сброс сточных вод Алматы в Сорбулак, накопитель в Илийском районе; страдают около 20 населённых "
        "пунктов вокруг озера и вдоль рек Каскелен и Курты.",
    ),
    "Sorbulak storage lake inflow": ("Сорбұлақ жинақтаушы көліне құятын ағын", "Сброс в накопитель Сорбулак"),
    "Sorbulak (wastewater storage lake)": (
        "Сорбұлақ (ағынды су жинақтаушы көл)",
        "Сорбулак (накопитель сточных вод)",
    ),
    "Outflow of Almaty's wastewater treatment plant into the canal that carries it to Sorbulak.": (
        "Алматының тазарту құрылыстарынан шығатын ағын Сорбұлаққа апаратын каналға құяды.",
        "Сброс очистных сооружений Алматы в канал, ведущий в Сорбулак.",
    ),
    "Almaty treatment plant outflow": ("Алматы тазарту құрылыстарының ағыны", "Сброс очистных сооружений Алматы"),
    "Canal to Sorbulak": ("Сорбұлаққа баратын канал", "Канал в Сорбулак"),
    "Wastewater outflow of Konaev (the former Kapchagay) at the western end of the reservoir.": (
        "Қонаевтың (бұрынғы Қапшағай) ағынды сулары су қоймасының батыс шетіне құяды.",
        "Сброс сточных вод Конаева (бывший Капшагай) в западной части водохранилища.",
    ),
    "Konaev wastewater outflow": ("Қонаев ағынды суларының шығысы", "Сброс сточных вод Конаева"),
    "Kapchagay reservoir (Ili)": ("Қапшағай су қоймасы (Іле)", "Капшагайское водохранилище (Или)"),
    "Storm drain into the Esentai river in Almaty, reconnected to the sewer after a Baytak complaint.": (
        "Алматыдағы Есентай өзеніне құятын нөсер құбыры Байтақтың шағымынан кейін кәрізге қайта қосылды.",
        "Ливнёвка в реку Есентай в Алматы, после жалобы Байтак снова подключена к канализации.",
    ),
    "Esentai storm drain": ("Есентай нөсер құбыры", "Ливнёвка в Есентай"),
    "Esentai river": ("Есентай өзені", "Река Есентай"),
    "Industrial and municipal wastewater of Temirtau into the Nura; the town also suffers the air "
    "pollution of the steel works.": (
        "Теміртаудың өнеркәсіптік және коммуналдық ағынды сулары Нұраға құяды; қала металлургия "
        "комбинатының ауаны ластауынан да зардап шегеді.",
        "Промышленные и коммунальные стоки Темиртау в Нуру; город страдает и от загрязнения воздуха "
        "металлургическим комбинатом.",
    ),
    "Temirtau outflow to the Nura": ("Теміртаудың Нұраға ағыны", "Сброс Темиртау в Нуру"),
    "Nura river": ("Нұра өзені", "Река Нура"),
    "Outflow of Astana's treatment plant into the storage ponds west of the city.": (
        "Астананың тазарту құрылыстарының ағыны қаланың батысындағы жинақтаушы тоғандарға құяды.",
        "Сброс очистных сооружений Астаны в пруды-накопители к западу от города.",
    ),
    "Astana treatment plant outflow": ("Астана тазарту құрылыстарының ағыны", "Сброс очистных сооружений Астаны"),
    "Storage ponds west of Astana": (
        "Астананың батысындағы жинақтаушы тоғандар",
        "Пруды-накопители к западу от Астаны",
    ),
    # tree plantings: places and organisers
    "Central Park, Almaty.": ("Орталық саябақ, Алматы.", "Центральный парк, Алматы."),
    "Baytak Almaty": ("Байтақ Алматы", "Байтак Алматы"),
    "Main Botanical Garden, Almaty.": ("Бас ботаникалық бақ, Алматы.", "Главный ботанический сад, Алматы."),
    "Baytak Almaty with the Botanical Garden": (
        "Байтақ Алматы Ботаникалық бақпен бірге",
        "Байтак Алматы вместе с Ботаническим садом",
    ),
    "Baum Grove, Almaty.": ("Баум тоғайы, Алматы.", "Роща Баума, Алматы."),
    "Neighbourhood volunteers": ("Маңайдағы еріктілер", "Волонтёры микрорайона"),
    "First President's Park, Almaty.": ("Тұңғыш Президент саябағы, Алматы.", "Парк Первого Президента, Алматы."),
    "School No. 1 eco-club (demo)": ("№1 мектептің эко-клубы (демо)", "Эко-клуб школы № 1 (демо)"),
    "Sairan lake promenade, Almaty.": ("Сайран көлінің жағалауы, Алматы.", "Набережная озера Сайран, Алматы."),
    "Esentai river bank, Almaty.": ("Есентай өзенінің жағасы, Алматы.", "Берег реки Есентай, Алматы."),
    "Central Park, Astana.": ("Орталық саябақ, Астана.", "Центральный парк, Астана."),
    "Baytak Astana": ("Байтақ Астана", "Байтак Астана"),
    "Botanical Garden, Astana.": ("Ботаникалық бақ, Астана.", "Ботанический сад, Астана."),
    "Baytak Astana with the Botanical Garden": (
        "Байтақ Астана Ботаникалық бақпен бірге",
        "Байтак Астана вместе с Ботаническим садом",
    ),
    "Presidential Park, Astana.": ("Президенттік саябақ, Астана.", "Президентский парк, Астана."),
    "Green belt west of Astana.": ("Астананың батысындағы жасыл белдеу.", "Зелёный пояс к западу от Астаны."),
    "Baytak Astana with the forestry service": (
        "Байтақ Астана орман шаруашылығымен бірге",
        "Байтак Астана вместе с лесхозом",
    ),
    "Green belt south of Astana.": ("Астананың оңтүстігіндегі жасыл белдеу.", "Зелёный пояс к югу от Астаны."),
    "Green buffer by the steel works, Temirtau.": (
        "Металлургия комбинатының жанындағы жасыл қорғаныс белдеуі, Теміртау.",
        "Зелёный защитный пояс у металлургического комбината, Темиртау.",
    ),
    "Baytak Karaganda": ("Байтақ Қарағанды", "Байтак Караганда"),
    # cleanup plans
    "Two beaches on the south shore of the Kapchagay reservoir near Konaev, littered after the summer.": (
        "Қонаев маңындағы Қапшағай су қоймасының оңтүстік жағасындағы екі жағажай жаздан кейін ластанған.",
        "Два пляжа на южном берегу Капшагайского водохранилища у Конаева, замусоренные после лета.",
    ),
    "Kapchagay reservoir beaches, Konaev": (
        "Қапшағай су қоймасының жағажайлары, Қонаев",
        "Пляжи Капшагайского водохранилища, Конаев",
    ),
    "Left bank of the Ili below the Kapchagay dam: fishermen's camps and dumped tyres.": (
        "Қапшағай бөгетінен төмен Іленің сол жағасы: балықшылар тұрағы мен тасталған шиналар.",
        "Левый берег Или ниже Капшагайской плотины: стоянки рыбаков и выброшенные шины.",
    ),
    "Ili river bank below the dam": ("Бөгеттен төмен Іле өзенінің жағасы", "Берег Или ниже плотины"),
    "East shore of Sorbulak: plastic and fishing litter; gloves and masks needed.": (
        "Сорбұлақтың шығыс жағасы: пластик пен балық аулау қалдықтары; қолғап пен бетперде керек.",
        "Восточный берег Сорбулака: пластик и рыболовный мусор; нужны перчатки и маски.",
    ),
    "Sorbulak east shore": ("Сорбұлақтың шығыс жағасы", "Восточный берег Сорбулака"),
    "Roadside of the Almaty-Konaev highway north of Otegen Batyr, the Ile district centre.": (
        "Іле ауданының орталығы Өтеген батырдың солтүстігіндегі Алматы–Қонаев тасжолының жиегі.",
        "Обочина трассы Алматы–Конаев к северу от Отеген Батыра, центра Илийского района.",
    ),
    "Highway roadside, Otegen Batyr": ("Тасжол жиегі, Өтеген батыр", "Обочина трассы, Отеген Батыр"),
    "Konaev town shore; cancelled because of the spring high water, to be planned again.": (
        "Қонаев қаласының жағасы; көктемгі су тасқынына байланысты тоқтатылды, қайта жоспарланады.",
        "Городской берег Конаева; отменено из-за весеннего паводка, будет запланировано снова.",
    ),
    "Konaev town shore": ("Қонаев қаласының жағасы", "Городской берег Конаева"),
    # shorelines: what they are and where they come from
    "Natural Earth (public domain), generalised at 1:10 million; the outline is the shoreline.": (
        "Natural Earth (қоғамдық игілік), 1:10 000 000 масштабта жалпыланған; контур — жағалау сызығы.",
        "Natural Earth (общественное достояние), генерализовано в масштабе 1:10 000 000; контур — береговая линия.",
    ),
    "The Aral Sea before the Amu Darya and Syr Darya were diverted for irrigation.": (
        "Әмудария мен Сырдария суармалы егіске бұрылғанға дейінгі Арал теңізі.",
        "Аральское море до того, как Амударью и Сырдарью отвели на орошение.",
    ),
    "The remnants of the Aral Sea (North and South Aral) as Natural Earth shows them.": (
        "Арал теңізінің қалдықтары (Солтүстік және Оңтүстік Арал) Natural Earth көрсеткендей.",
        "Остатки Аральского моря (Северный и Южный Арал), как их показывает Natural Earth.",
    ),
    "The Caspian Sea.": ("Каспий теңізі.", "Каспийское море."),
    "Natural Earth ne_10m_lakes_historic (Aral Sea, late 1950s)": (
        "Natural Earth ne_10m_lakes_historic (Арал теңізі, 1950 жылдардың соңы)",
        "Natural Earth ne_10m_lakes_historic (Аральское море, конец 1950-х)",
    ),
    "Natural Earth ne_10m_lakes (Aral Sea; Natural Earth represents the 2000s)": (
        "Natural Earth ne_10m_lakes (Арал теңізі; Natural Earth 2000 жылдарды көрсетеді)",
        "Natural Earth ne_10m_lakes (Аральское море; Natural Earth показывает 2000-е)",
    ),
    "Natural Earth ne_10m_geography_marine_polys (Caspian Sea)": (
        "Natural Earth ne_10m_geography_marine_polys (Каспий теңізі)",
        "Natural Earth ne_10m_geography_marine_polys (Каспийское море)",
    ),
}

TEXT_FIELDS = ("name", "title", "operator", "organizer", "receiving_water", "emissions_note", "source")


def in_language(text: str, lang: str) -> str:
    """``text`` (an English demo text) in ``lang``; English, or a text not in the table, as it is."""
    if lang not in ("kk", "ru") or text not in TEXTS:
        return text
    kazakh, russian = TEXTS[text]
    return kazakh if lang == "kk" else russian


def illustrative_marks() -> tuple[str, ...]:
    """The demo notes' first sentence in every language: what marks a feature as demo data."""
    return ILLUSTRATIVE_MARKS
