"""Kazakh and Russian names for the basemap's main places, countries and waters.

The bundled Natural Earth layers name places in English transliteration only ("Qaraghandy",
"Oostanay"). A Kazakh or Russian user should read their own country in their own script, so the main
names are given here, keyed by the Natural Earth ``name``; English keeps the usual English form.
A layer that has ``name_kk`` / ``name_ru`` / ``name_en`` columns is read from them instead, and any
name not listed here is shown as Natural Earth writes it.
"""

from __future__ import annotations

# Natural Earth name: (kk, ru, en)
NAMES: dict[str, tuple[str, str, str]] = {
    # Kazakhstan
    "Almaty": ("Алматы", "Алматы", "Almaty"),
    "Astana": ("Астана", "Астана", "Astana"),
    "Shymkent": ("Шымкент", "Шымкент", "Shymkent"),
    "Qaraghandy": ("Қарағанды", "Караганда", "Karaganda"),
    "Taraz": ("Тараз", "Тараз", "Taraz"),
    "Pavlodar": ("Павлодар", "Павлодар", "Pavlodar"),
    "Oskemen": ("Өскемен", "Усть-Каменогорск", "Oskemen"),
    "Semey": ("Семей", "Семей", "Semey"),
    "Qyzylorda": ("Қызылорда", "Кызылорда", "Kyzylorda"),
    "Aqtobe": ("Ақтөбе", "Актобе", "Aktobe"),
    "Oostanay": ("Қостанай", "Костанай", "Kostanay"),
    "Petropavlovsk": ("Петропавл", "Петропавловск", "Petropavl"),
    "Oral": ("Орал", "Уральск", "Oral"),
    "Atyrau": ("Атырау", "Атырау", "Atyrau"),
    "Temirtau": ("Теміртау", "Темиртау", "Temirtau"),
    "Mangyshlak": ("Ақтау", "Актау", "Aktau"),
    "Kokshetau": ("Көкшетау", "Кокшетау", "Kokshetau"),
    "Ekibastuz": ("Екібастұз", "Экибастуз", "Ekibastuz"),
    "Rudny": ("Рудный", "Рудный", "Rudny"),
    "Zhezqazghan": ("Жезқазған", "Жезказган", "Zhezkazgan"),
    "Turkistan": ("Түркістан", "Туркестан", "Turkistan"),
    "Taldyqorghan": ("Талдықорған", "Талдыкорган", "Taldykorgan"),
    "Balqash": ("Балқаш", "Балхаш", "Balkhash"),
    "Qapshaghay": ("Қонаев", "Конаев", "Konaev"),
    "Baykonur": ("Байқоңыр", "Байконур", "Baikonur"),
    "Aral": ("Арал", "Аральск", "Aral"),
    "Zharkent": ("Жаркент", "Жаркент", "Zharkent"),
    "Esik": ("Есік", "Есик", "Esik"),
    "Boralday": ("Боралдай", "Боралдай", "Boralday"),
    "Ayakoz": ("Аягөз", "Аягоз", "Ayagoz"),
    "Zaysan": ("Зайсан", "Зайсан", "Zaysan"),
    "Shu": ("Шу", "Шу", "Shu"),
    "Arys": ("Арыс", "Арыс", "Arys"),
    "Kentau": ("Кентау", "Кентау", "Kentau"),
    "Ridder": ("Риддер", "Риддер", "Ridder"),
    "Arqalyq": ("Арқалық", "Аркалык", "Arkalyk"),
    "Zhangaozen": ("Жаңаөзен", "Жанаозен", "Zhanaozen"),
    "Beyneu": ("Бейнеу", "Бейнеу", "Beyneu"),
    "Qulsary": ("Құлсары", "Кульсары", "Kulsary"),
    "Shalqar": ("Шалқар", "Шалкар", "Shalkar"),
    "Qazaly": ("Қазалы", "Казалинск", "Kazaly"),
    "Ushtobe": ("Үштөбе", "Уштобе", "Ushtobe"),
    "Sarqan": ("Сарқан", "Саркан", "Sarkand"),
    "Atbasar": ("Атбасар", "Атбасар", "Atbasar"),
    "Qaratau": ("Қаратау", "Каратау", "Karatau"),
    "Aqsay": ("Ақсай", "Аксай", "Aksay"),
    "Qarqaraly": ("Қарқаралы", "Каркаралинск", "Karkaraly"),
    "Fort Shevchenko": ("Форт-Шевченко", "Форт-Шевченко", "Fort-Shevchenko"),
    # neighbours
    "Tashkent": ("Ташкент", "Ташкент", "Tashkent"),
    "Bishkek": ("Бішкек", "Бишкек", "Bishkek"),
    "Dushanbe": ("Душанбе", "Душанбе", "Dushanbe"),
    "Ashgabat": ("Ашхабад", "Ашхабад", "Ashgabat"),
    "Baku": ("Баку", "Баку", "Baku"),
    "Ürümqi": ("Үрімжі", "Урумчи", "Ürümqi"),
    "Novosibirsk": ("Новосібір", "Новосибирск", "Novosibirsk"),
    "Omsk": ("Омбы", "Омск", "Omsk"),
    "Orenburg": ("Орынбор", "Оренбург", "Orenburg"),
    "Astrakhan": ("Астрахан", "Астрахань", "Astrakhan"),
    "Samara": ("Самара", "Самара", "Samara"),
    "Chelyabinsk": ("Челябі", "Челябинск", "Chelyabinsk"),
    "Barnaul": ("Барнауыл", "Барнаул", "Barnaul"),
    "Samarqand": ("Самарқанд", "Самарканд", "Samarkand"),
    "Nukus": ("Нүкіс", "Нукус", "Nukus"),
    "Osh": ("Ош", "Ош", "Osh"),
    "Kashgar": ("Қашқар", "Кашгар", "Kashgar"),
    "Mashhad": ("Мешхед", "Мешхед", "Mashhad"),
    # countries
    "Kazakhstan": ("Қазақстан", "Казахстан", "Kazakhstan"),
    "Russia": ("Ресей", "Россия", "Russia"),
    "China": ("Қытай", "Китай", "China"),
    "Uzbekistan": ("Өзбекстан", "Узбекистан", "Uzbekistan"),
    "Kyrgyzstan": ("Қырғызстан", "Кыргызстан", "Kyrgyzstan"),
    "Turkmenistan": ("Түрікменстан", "Туркменистан", "Turkmenistan"),
    "Tajikistan": ("Тәжікстан", "Таджикистан", "Tajikistan"),
    "Afghanistan": ("Ауғанстан", "Афганистан", "Afghanistan"),
    "Iran": ("Иран", "Иран", "Iran"),
    "Mongolia": ("Моңғолия", "Монголия", "Mongolia"),
    "Azerbaijan": ("Әзірбайжан", "Азербайджан", "Azerbaijan"),
    "Armenia": ("Армения", "Армения", "Armenia"),
    "Georgia": ("Грузия", "Грузия", "Georgia"),
    "Turkey": ("Түркия", "Турция", "Turkey"),
    "Iraq": ("Ирак", "Ирак", "Iraq"),
    "Pakistan": ("Пәкістан", "Пакистан", "Pakistan"),
    # waters
    "Caspian Sea": ("Каспий теңізі", "Каспийское море", "Caspian Sea"),
    "Aral Sea": ("Арал теңізі", "Аральское море", "Aral Sea"),
    "Historic Aral Sea": ("Арал теңізі, 1950 жж. соңы", "Аральское море, конец 1950-х", "Aral Sea, late 1950s"),
    "Lake Balkhash": ("Балқаш көлі", "озеро Балхаш", "Lake Balkhash"),
    "Kapchagay Reservoir": ("Қапшағай су қоймасы", "Капчагайское водохранилище", "Kapchagay Reservoir"),
    "Alakol": ("Алакөл", "Алаколь", "Alakol"),
    "Lake Zaysan": ("Зайсан көлі", "озеро Зайсан", "Lake Zaysan"),
    "Issyk-Kul": ("Ыстықкөл", "Иссык-Куль", "Issyk-Kul"),
    "Sasyqkl": ("Сасықкөл", "Сасыкколь", "Sasykkol"),
    "Tengiz Köli": ("Теңіз көлі", "озеро Тенгиз", "Lake Tengiz"),
}
LANGUAGE_INDEX = {"kk": 0, "ru": 1, "en": 2}


def local_name(name: str | None, language: str) -> str | None:
    """``name`` (Natural Earth) in ``language`` where it is known, else as it is."""
    if not name:
        return None
    known = NAMES.get(name)
    return known[LANGUAGE_INDEX.get(language, 2)] if known else name
