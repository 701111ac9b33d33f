"""The fixed words printed on exhibits and dossiers, in Kazakh, Russian and English.

A printed page is made in the language the user chose for it, which need not be the UI language (an
expert working in Russian prepares a Kazakh exhibit for a court in Almaty). The few fixed labels of a
layout are therefore kept here, per language, rather than depending on the translator installed in the
process; layer titles and coded values come from the domain's own kk/ru/en labels. Attribution lines
are printed in the page's language too: Natural Earth is public domain and asks for no fixed wording,
and OpenStreetMap's own attribution guidelines give the credit in the reader's language ("© участники
OpenStreetMap"). Numbers are written as the language writes them: 19 448 503 and 1 944,85 in Kazakh
and Russian (a no-break space groups thousands, a comma marks decimals), 19,448,503 and 1,944.85 in
English.
"""

from __future__ import annotations

NATURAL_EARTH = "Made with Natural Earth"
OSM = "© OpenStreetMap contributors"
GROUP = "\u00a0"  # a no-break space: the thousands never part from their number at a line end

# English key: (kk, ru)
_TEXT: dict[str, tuple[str, str]] = {
    "Baytak map": ("Baytak картасы", "Карта Baytak"),
    "Legend": ("Шартты белгілер", "Условные обозначения"),
    "Basemap": ("Негізгі карта", "Подложка"),
    "Water": ("Су айдыны", "Водоёмы"),
    "Dry lake bed": ("Құрғаған көл табаны", "Высохшее дно озера"),
    "Aral Sea shoreline, late 1950s": (
        "Арал теңізінің 1950 жж. соңындағы жағалауы",
        "Берег Аральского моря, конец 1950-х",
    ),
    "State border": ("Мемлекеттік шекара", "Государственная граница"),
    "Town": ("Елді мекен", "Населённый пункт"),
    "Main road": ("Негізгі жол", "Главная дорога"),
    "Street or minor road": ("Көше немесе шағын жол", "Улица или второстепенная дорога"),
    "Footpath or track": ("Жаяу жол немесе дала жолы", "Пешеходная или полевая дорога"),
    "Railway": ("Темір жол", "Железная дорога"),
    "River or stream": ("Өзен немесе бұлақ", "Река или ручей"),
    "Forest": ("Орман", "Лес"),
    "Park, meadow or farmland": ("Саябақ, шалғын немесе егістік", "Парк, луг или пашня"),
    "Protected area": ("Ерекше қорғалатын аумақ", "Особо охраняемая территория"),
    "Building": ("Ғимарат", "Здание"),
    "Image": ("Сурет", "Снимок"),
    "N": ("С", "С"),
    "km": ("км", "км"),
    "m": ("м", "м"),
    "Scale 1:{n} at the map centre": ("Карта ортасындағы масштаб 1:{n}", "Масштаб 1:{n} в центре карты"),
    "Projection: Web Mercator (EPSG:3857); the scale bar is measured on the WGS 84 ellipsoid at the map centre.": (
        "Проекция: Web Mercator (EPSG:3857); масштаб сызғышы карта ортасында WGS 84 эллипсоидында өлшенген.",
        "Проекция: Web Mercator (EPSG:3857); масштабная линейка измерена на эллипсоиде WGS 84 в центре карты.",
    ),
    "Author": ("Автор", "Автор"),
    "Date": ("Күні", "Дата"),
    "Data": ("Деректер", "Данные"),
    "Baytak store {name}": ("Baytak қоймасы {name}", "хранилище Baytak {name}"),
    "Basemap attribution": ("Негізгі карта дереккөзі", "Источник подложки"),
    "Contains illustrative demo data: positions and figures are approximate.": (
        "Көрнекі демо-деректер бар: орындары мен сандары шамамен берілген.",
        "Содержит иллюстративные демо-данные: положения и цифры приблизительны.",
    ),
    "Other": ("Басқа", "Прочее"),
    NATURAL_EARTH: ("Natural Earth деректерімен жасалған", "Создано с использованием Natural Earth"),
    OSM: ("© OpenStreetMap қатысушылары", "© участники OpenStreetMap"),
    "ha": ("га", "га"),
    "km²": ("км²", "км²"),
    "m²": ("м²", "м²"),
    "{lat}° N, {lon}° E": ("{lat}° с. е.; {lon}° ш. б.", "{lat}° с. ш.; {lon}° в. д."),
    "Geometry": ("Геометрия", "Геометрия"),
    "Evidence check": ("Дәлелдікке тексеру", "Проверка как доказательства"),
    "Taken {distance} from the site": ("Нысаннан {distance} қашықтықта түсірілген", "Снято в {distance} от объекта"),
    "{days} days before the observation ({date})": (
        "бақылаудан ({date}) {days} күн бұрын",
        "за {days} дн. до наблюдения ({date})",
    ),
    "{days} days after the observation ({date})": (
        "бақылаудан ({date}) {days} күн кейін",
        "через {days} дн. после наблюдения ({date})",
    ),
    "At the site and near the observation date": (
        "Нысанның жанында және бақылау күніне жақын түсірілген",
        "Снято у объекта и близко к дате наблюдения",
    ),
    "flag_note": (
        "Нысаннан {km} км-ден алыс немесе бақылау күнінен {days} күннен артық айырмашылықпен түсірілген "
        "фотосуреттер белгіленеді: олар осы нысанның дәлелі бола алмауы мүмкін.",
        "Снимки, сделанные дальше {km} км от объекта или более чем за {days} дн. от даты наблюдения, помечены: "
        "они могут не быть доказательством по этому объекту.",
    ),
    # the evidence dossier
    "Evidence dossier": ("Дәлелдемелер досьесі", "Досье доказательств"),
    "Site": ("Нысан", "Объект"),
    "Layer": ("Қабат", "Слой"),
    "Identifier (UUID)": ("Сәйкестендіргіш (UUID)", "Идентификатор (UUID)"),
    "Position": ("Орны", "Координаты"),
    "Area": ("Ауданы", "Площадь"),
    "Attributes": ("Атрибуттар", "Атрибуты"),
    "Field": ("Өріс", "Поле"),
    "Value": ("Мәні", "Значение"),
    "Photos and documents": ("Фотосуреттер мен құжаттар", "Фотографии и документы"),
    "No photos or documents are attached.": (
        "Фотосуреттер мен құжаттар тіркелмеген.",
        "Фотографии и документы не прикреплены.",
    ),
    "File": ("Файл", "Файл"),
    "Taken at (EXIF)": ("Түсірілген уақыты (EXIF)", "Время съёмки (EXIF)"),
    "Position (EXIF)": ("Орны (EXIF)", "Координаты (EXIF)"),
    "Camera": ("Камера", "Камера"),
    "Size": ("Көлемі", "Размер"),
    "bytes": ("байт", "байт"),
    "SHA-256 recorded at capture": ("Түсірген кезде тіркелген SHA-256", "SHA-256, записанный при съёмке"),
    "SHA-256 recomputed now": ("Қазір қайта есептелген SHA-256", "SHA-256, вычисленный сейчас"),
    "Verified: matches": ("Тексерілді: сәйкес", "Проверено: совпадает"),
    "CHANGED: the stored bytes no longer match the recorded SHA-256": (
        "ӨЗГЕРТІЛГЕН: сақталған байттар тіркелген SHA-256 мәніне сәйкес емес",
        "ИЗМЕНЁН: сохранённые байты не совпадают с записанным SHA-256",
    ),
    "not recorded": ("тіркелмеген", "не записано"),
    "How to check a photo": ("Фотосуретті қалай тексеруге болады", "Как проверить фотографию"),
    "check_note": (
        "Әр файлдың SHA-256 мәні оны қоймаға қосқан кезде есептеліп, содан бері өзгермейді. Түпнұсқа файлдың "
        "мәнін кез келген құралмен қайта есептеңіз (мысалы, sha256sum): мәндер бірдей болса, файл бір байтқа да "
        "өзгертілмеген.",
        "SHA-256 каждого файла вычислен при добавлении в хранилище и с тех пор не меняется. Пересчитайте его "
        "для исходного файла любым инструментом (например, sha256sum): совпадение значений доказывает, что файл "
        "не изменён ни на один байт.",
    ),
    "Edit history": ("Өзгерістер тарихы", "История изменений"),
    "Created": ("Құрылды", "Создан"),
    "Last updated": ("Соңғы өзгеріс", "Последнее изменение"),
    "by": ("авторы", "автор"),
    "Local edits not yet synced": (
        "Әлі синхрондалмаған жергілікті өзгерістер",
        "Локальные изменения, ещё не синхронизированные",
    ),
    "No local edits are waiting to be synced.": (
        "Синхрондауды күтіп тұрған жергілікті өзгерістер жоқ.",
        "Нет локальных изменений, ожидающих синхронизации.",
    ),
    "Server history": ("Сервердегі тарих", "История на сервере"),
    "Server history is not available: {reason}": (
        "Сервердегі тарих қолжетімсіз: {reason}",
        "История на сервере недоступна: {reason}",
    ),
    "the store was never synced with a server": (
        "қойма сервермен ешқашан синхрондалмаған",
        "хранилище ни разу не синхронизировалось с сервером",
    ),
    "not asked for (--no-server)": ("сұралмады (--no-server)", "не запрашивалась (--no-server)"),
    "Revision": ("Нұсқа", "Ревизия"),
    "When": ("Қашан", "Когда"),
    "Who": ("Кім", "Кто"),
    "Change": ("Өзгеріс", "Изменение"),
    "created": ("құрылды", "создан"),
    "deleted": ("жойылды", "удалён"),
    "changed: {fields}": ("өзгертілді: {fields}", "изменено: {fields}"),
    "insert": ("қосу", "добавление"),
    "update": ("өзгерту", "изменение"),
    "delete": ("жою", "удаление"),
    "waiting to be sent": ("жіберуді күтуде", "ожидает отправки"),
    "sent, awaiting confirmation": ("жіберілді, растауды күтуде", "отправлено, ожидает подтверждения"),
    "Prepared": ("Дайындалған", "Подготовлено"),
    "Map of the site": ("Нысанның картасы", "Карта объекта"),
}
_INDEX = {"kk": 0, "ru": 1}
_ENGLISH = {
    "flag_note": "Photos taken farther than {km} km from the site or more than {days} days from the observation "
    "date are flagged: they may not be evidence of this site.",
    "check_note": "Each file's SHA-256 was computed when it was added to the store and never changes. Recompute "
    "it for the original file with any tool (for example sha256sum): equal values prove the file "
    "was not changed by a single byte.",
}


def text(key: str, language: str, **params: object) -> str:
    """``key`` in ``language`` (English for ``en`` or a key not listed), with ``{named}`` parameters filled."""
    if language in _INDEX and key in _TEXT and _TEXT[key][_INDEX[language]]:
        template = _TEXT[key][_INDEX[language]]
    else:
        template = _ENGLISH.get(key, key)
    return template.format(**params) if params else template


def format_number(value: float, language: str, decimals: int = 0) -> str:
    """``value`` with its thousands grouped and its decimals marked as ``language`` writes them."""
    grouped = f"{value:,.{decimals}f}"
    if language not in _INDEX:
        return grouped
    return grouped.replace(",", GROUP).replace(".", ",")


def area_text(square_metres: float, language: str) -> str:
    """An area in hectares (or km² from 100 km²), in the language's units and number format."""
    from baytak_desktop.layers.measure import area_in_unit

    value, unit, decimals = area_in_unit(square_metres)
    return f"{format_number(value, language, decimals)} {text('km²' if unit == 'km2' else unit, language)}"


def distance_text(metres: float, language: str) -> str:
    """A distance in km (one decimal under 10 km) or m, in the language's units and number format."""
    if metres >= 1000:
        return f"{format_number(metres / 1000, language, 0 if metres >= 10_000 else 1)} {text('km', language)}"
    return f"{format_number(metres, language)} {text('m', language)}"


def position_text(lat: float, lon: float, language: str, decimals: int = 6) -> str:
    """Latitude and longitude with the hemisphere letters of the language; in Kazakh and Russian a
    semicolon between them, as the comma is their decimal mark."""
    return text(
        "{lat}° N, {lon}° E",
        language,
        lat=format_number(lat, language, decimals),
        lon=format_number(lon, language, decimals),
    )


def keys() -> list[str]:
    """Every key with a translation (tests check none is empty)."""
    return list(_TEXT)
