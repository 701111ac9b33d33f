<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Baytak</source>
        <translation>Baytak туралы</translation>
    </message>
    <message>
        <source>Version {app} · Qt {qt} · PySide6 {pyside} · GDAL {gdal}</source>
        <translation>Нұсқасы {app} · Qt {qt} · PySide6 {pyside} · GDAL {gdal}</translation>
    </message>
    <message>
        <source>An offline-first desktop GIS for the Baytak green party of Kazakhstan.</source>
        <translation>Қазақстанның «Байтақ» жасылдар партиясына арналған, желісіз жұмыс істейтін жұмыс үстелі ГАЖ-ы.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Деректер</translation>
    </message>
    <message>
        <source>Free vector and raster map data @ naturalearthdata.com (public domain).</source>
        <translation>naturalearthdata.com сайтының тегін векторлық және растрлық карта деректері (қоғамдық игілік).</translation>
    </message>
    <message>
        <source>Demo sites are illustrative: their positions and figures are approximate.</source>
        <translation>Демо нысандар тек мысал үшін: олардың орны мен көрсеткіштері шамамен алынған.</translation>
    </message>
    <message>
        <source>Licence: GNU General Public License, version 3 or later.</source>
        <translation>Лицензия: GNU General Public License, 3-нұсқасы немесе одан кейінгісі.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>This file cannot be opened</source>
        <translation>Бұл файлды ашу мүмкін емес</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Any field</source>
        <translation>Кез келген өріс</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(бос)</translation>
    </message>
    <message>
        <source>Not a value of this field: {reason}</source>
        <translation>Бұл өрістің мәні емес: {reason}</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Жаңартылуда…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n feature(s)</source>
        <translation>
            <numerusform>%1 / %n нысан</numerusform>
            <numerusform>%1 / %n нысан</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n нысан</numerusform>
            <numerusform>%n нысан</numerusform>
        </translation>
    </message>
    <message>
        <source>The table could not be read: {message}</source>
        <translation>Кестені оқу мүмкін болмады: {message}</translation>
    </message>
    <message>
        <source>Search names, notes, statuses…</source>
        <translation>Атаулар, ескертпелер, мәртебелер бойынша іздеу…</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Қабат</translation>
    </message>
    <message>
        <source>Filter by the value of a field</source>
        <translation>Өріс мәні бойынша сүзу</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Мәні</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>Таңдалғанға жақындату</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>Таңдауды тазарту</translation>
    </message>
</context>
<context>
    <name>CategoryTable</name>
    <message>
        <source>Colour</source>
        <translation>Түсі</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Мәні</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Белгі</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Choose a colour</source>
        <translation>Түсті таңдаңыз</translation>
    </message>
    <message>
        <source>Click to choose a colour</source>
        <translation>Түсті таңдау үшін басыңыз</translation>
    </message>
</context>
<context>
    <name>CoordinateDialog</name>
    <message>
        <source>{file} has no waypoints.</source>
        <translation>{file} файлында бағдар нүктелері жоқ.</translation>
    </message>
    <message>
        <source>Waypoints from a GPX file</source>
        <translation>GPX файлындағы бағдар нүктелері</translation>
    </message>
    <message>
        <source>GPX files (*.gpx)</source>
        <translation>GPX файлдары (*.gpx)</translation>
    </message>
    <message>
        <source>Not a position: {reason}</source>
        <translation>Бұл орын емес: {reason}</translation>
    </message>
    <message>
        <source>Latitude {lat_dms} ({lat}), longitude {lon_dms} ({lon})</source>
        <translation>Ендік {lat_dms} ({lat}), бойлық {lon_dms} ({lon})</translation>
    </message>
    <message>
        <source>Add a point by its coordinates</source>
        <translation>Нүктені координаталары бойынша қосу</translation>
    </message>
    <message>
        <source>Type or paste a position: latitude and longitude, in decimal degrees (43.8712, 77.0702) or degrees, minutes, seconds (43°52&apos;16&quot;N 77°04&apos;13&quot;E).</source>
        <translation>Орынды теріңіз немесе қойыңыз: ендік пен бойлық, ондық градуспен (43.8712, 77.0702) немесе градус, минут, секундпен (43°52&apos;16&quot;N 77°04&apos;13&quot;E).</translation>
    </message>
    <message>
        <source>latitude, longitude</source>
        <translation>ендік, бойлық</translation>
    </message>
    <message>
        <source>From a GPX file…</source>
        <translation>GPX файлынан…</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>Clear the date</source>
        <translation>Күнді тазарту</translation>
    </message>
</context>
<context>
    <name>EditCommand</name>
    <message>
        <source>Edit {layer}</source>
        <translation>«{layer}» қабатын өзгерту</translation>
    </message>
    <message>
        <source>Add feature to {layer}</source>
        <translation>«{layer}» қабатына нысан қосу</translation>
    </message>
    <message>
        <source>Edit attributes in {layer}</source>
        <translation>«{layer}» қабатында атрибуттарды өзгерту</translation>
    </message>
    <message>
        <source>Edit geometry in {layer}</source>
        <translation>«{layer}» қабатында геометрияны өзгерту</translation>
    </message>
    <message>
        <source>Edit feature in {layer}</source>
        <translation>«{layer}» қабатында нысанды өзгерту</translation>
    </message>
    <message>
        <source>Delete feature from {layer}</source>
        <translation>«{layer}» қабатынан нысанды жою</translation>
    </message>
    <message>
        <source>Attach photo in {layer}</source>
        <translation>«{layer}» қабатында фото тіркеу</translation>
    </message>
    <message>
        <source>Remove photo in {layer}</source>
        <translation>«{layer}» қабатында фотоны алып тастау</translation>
    </message>
    <message>
        <source>Add feature from photo to {layer}</source>
        <translation>Фотодан «{layer}» қабатына нысан қосу</translation>
    </message>
</context>
<context>
    <name>EditSession</name>
    <message>
        <source>Nothing edited yet</source>
        <translation>Әзірге ештеңе өзгертілмеді</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export a layer</source>
        <translation>Қабатты экспорттау</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Қабат:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Шолу…</translation>
    </message>
    <message>
        <source>Where to save; the extension chooses the format</source>
        <translation>Қайда сақтау керек; пішімді файл кеңейтімі анықтайды</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Shapefile (*.shp)</source>
        <translation>Shapefile (*.shp)</translation>
    </message>
    <message>
        <source>Zipped shapefile (*.zip)</source>
        <translation>ZIP-ке бумаланған shapefile (*.zip)</translation>
    </message>
    <message>
        <source>KML (*.kml)</source>
        <translation>KML (*.kml)</translation>
    </message>
    <message>
        <source>CSV with coordinates (*.csv)</source>
        <translation>Координаталары бар CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>FeatureDetails</name>
    <message>
        <source>Click a feature on the map or a row in the table to see it here.</source>
        <translation>Осында көру үшін картадағы нысанды немесе кестедегі жолды басыңыз.</translation>
    </message>
    <message>
        <source>This feature no longer exists (deleted or moved to another store).</source>
        <translation>Бұл нысан енді жоқ (жойылған немесе басқа қоймаға көшірілген).</translation>
    </message>
    <message>
        <source>The store of this feature is closed.</source>
        <translation>Бұл нысанның қоймасы жабық.</translation>
    </message>
    <message>
        <source>computed from the geometry</source>
        <translation>геометриядан есептелген</translation>
    </message>
    <message>
        <source>Identifier (uuid)</source>
        <translation>Сәйкестендіргіш (uuid)</translation>
    </message>
    <message>
        <source>Position (lat, lon)</source>
        <translation>Орны (ендік, бойлық)</translation>
    </message>
    <message>
        <source>No local changes waiting to be synced.</source>
        <translation>Синхрондауды күтіп тұрған жергілікті өзгерістер жоқ.</translation>
    </message>
    <message>
        <source>Added here; not yet synced.</source>
        <translation>Осында қосылды; әлі синхрондалмаған.</translation>
    </message>
    <message>
        <source>geometry</source>
        <translation>геометрия</translation>
    </message>
    <message>
        <source>Changed here, not yet synced: {fields}.</source>
        <translation>Осында өзгертілді, әлі синхрондалмаған: {fields}.</translation>
    </message>
    <message numerus="yes">
        <source>Attachments (%n)</source>
        <translation>
            <numerusform>Тіркемелер (%n)</numerusform>
            <numerusform>Тіркемелер (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>(no file name)</source>
        <translation>(файл атауы жоқ)</translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <translation>{size} байт</translation>
    </message>
    <message>
        <source>Taken (camera time): {time}</source>
        <translation>Түсірілген уақыты (камера бойынша): {time}</translation>
    </message>
    <message>
        <source>Camera: {camera}</source>
        <translation>Камера: {camera}</translation>
    </message>
    <message>
        <source>Photo position: {lat:.6f}, {lon:.6f}</source>
        <translation>Фото орны: {lat:.6f}, {lon:.6f}</translation>
    </message>
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <source>Required</source>
        <translation>Міндетті</translation>
    </message>
    <message>
        <source>At least {minimum}</source>
        <translation>Кемінде {minimum}</translation>
    </message>
    <message>
        <source>At most {maximum}</source>
        <translation>Ең көбі {maximum}</translation>
    </message>
    <message>
        <source>This date is in the future; an observation cannot be</source>
        <translation>Бұл күн болашақта; бақылау болашақта болуы мүмкін емес</translation>
    </message>
    <message>
        <source>Dates start in {year}</source>
        <translation>Күндер {year} жылдан басталады</translation>
    </message>
    <message>
        <source>Too long: {length} characters, at most {limit}</source>
        <translation>Тым ұзын: {length} таңба, ең көбі {limit}</translation>
    </message>
    <message>
        <source>A polygon needs at least 3 corners; this one has {count}</source>
        <translation>Көпбұрышта кемінде 3 төбе болуы керек; мұнда {count}</translation>
    </message>
    <message>
        <source>The outline crosses itself: fix it automatically, or keep editing</source>
        <translation>Контур өзін-өзі қиып өтеді: оны автоматты түрде түзетіңіз немесе өңдеуді жалғастырыңыз</translation>
    </message>
    <message>
        <source>The position is outside the world: longitude must be -180…180 and latitude -90…90</source>
        <translation>Орны әлемнен тыс: бойлық -180…180, ендік -90…90 аралығында болуы керек</translation>
    </message>
    <message>
        <source>The site lies outside Kazakhstan and its neighbours: are latitude and longitude swapped?</source>
        <translation>Нысан Қазақстан мен көрші елдерден тыс жатыр: ендік пен бойлық ауысып кетпеді ме?</translation>
    </message>
    <message>
        <source>Place the feature on the map</source>
        <translation>Нысанды картаға орналастырыңыз</translation>
    </message>
    <message>
        <source>Computed from the geometry</source>
        <translation>Геометриядан есептеледі</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* міндетті</translation>
    </message>
    <message>
        <source>Fix outline</source>
        <translation>Контурды түзету</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сақтау</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Болдырмау</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Branch</source>
        <translation>Филиал</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ескертпелер</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>Құрылған уақыты</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Кім құрды</translation>
    </message>
    <message>
        <source>Updated at</source>
        <translation>Өзгертілген уақыты</translation>
    </message>
    <message>
        <source>Updated by</source>
        <translation>Кім өзгертті</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Атауы</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Мәртебесі</translation>
    </message>
    <message>
        <source>Legal status</source>
        <translation>Құқықтық мәртебесі</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <source>Licence number</source>
        <translation>Лицензия нөмірі</translation>
    </message>
    <message>
        <source>Area, ha</source>
        <translation>Ауданы, га</translation>
    </message>
    <message>
        <source>Observed on</source>
        <translation>Байқалған күні</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Жабылған күні</translation>
    </message>
    <message>
        <source>Emissions</source>
        <translation>Шығарындылар</translation>
    </message>
    <message>
        <source>Receiving water</source>
        <translation>Қабылдаушы су объектісі</translation>
    </message>
    <message>
        <source>Discharge</source>
        <translation>Төгінді</translation>
    </message>
    <message>
        <source>Flow, m³/day</source>
        <translation>Шығыны, м³/тәул.</translation>
    </message>
    <message>
        <source>Affected settlements</source>
        <translation>Зардап шеккен елді мекендер</translation>
    </message>
    <message>
        <source>Last sampled on</source>
        <translation>Соңғы сынама алынған күн</translation>
    </message>
    <message>
        <source>Water body</source>
        <translation>Су айдыны</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Дереккөз</translation>
    </message>
    <message>
        <source>Area, km²</source>
        <translation>Ауданы, км²</translation>
    </message>
    <message>
        <source>Species</source>
        <translation>Ағаш түрі</translation>
    </message>
    <message>
        <source>Trees</source>
        <translation>Ағаштар саны</translation>
    </message>
    <message>
        <source>Planted on</source>
        <translation>Отырғызылған күні</translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation>Ұйымдастырушы</translation>
    </message>
    <message>
        <source>Survival, %</source>
        <translation>Тамыр алуы, %</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Тақырыбы</translation>
    </message>
    <message>
        <source>Planned on</source>
        <translation>Жоспарланған күні</translation>
    </message>
    <message>
        <source>Volunteers needed</source>
        <translation>Қажетті еріктілер саны</translation>
    </message>
    <message>
        <source>Waste collected, kg</source>
        <translation>Жиналған қоқыс, кг</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Байланыс</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import a file</source>
        <translation>Файлды импорттау</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Layer in the file:</source>
        <translation>Файлдағы қабат:</translation>
    </message>
    <message>
        <source>Import into:</source>
        <translation>Қайда импорттау:</translation>
    </message>
    <message>
        <source>Fields (column of the file for each field):</source>
        <translation>Өрістер (әр өріске файлдың бағаны):</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Алдын ала қарау:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Шолу…</translation>
    </message>
    <message>
        <source>Import the valid rows and skip the invalid ones</source>
        <translation>Дұрыс жолдарды импорттап, қателерін өткізіп жіберу</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Өріс</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Баған</translation>
    </message>
    <message>
        <source>(the only or every layer)</source>
        <translation>(жалғыз немесе барлық қабат)</translation>
    </message>
    <message>
        <source>Files baytak can import (*.geojson *.json *.gpkg *.shp *.zip *.kml *.kmz *.gpx *.csv *.txt)</source>
        <translation>Baytak импорттай алатын файлдар (*.geojson *.json *.gpkg *.shp *.zip *.kml *.kmz *.gpx *.csv *.txt)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Файл оқылуда…</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>Геометрия</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(жоқ)</translation>
    </message>
    <message>
        <source>This file cannot be imported: {reason}</source>
        <translation>Бұл файлды импорттау мүмкін емес: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) in the file.</source>
        <translation>
            <numerusform>Файлда %n нысан бар.</numerusform>
            <numerusform>Файлда %n нысан бар.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have no usable geometry.</source>
        <translation>
            <numerusform>%n жолда жарамды геометрия жоқ.</numerusform>
            <numerusform>%n жолда жарамды геометрия жоқ.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Болдырмау</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Тоқтатылуда…</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Zoom to layer</source>
        <translation>Қабатқа жақындату</translation>
    </message>
    <message>
        <source>Style…</source>
        <translation>Стиль…</translation>
    </message>
    <message>
        <source>Open attribute table</source>
        <translation>Атрибуттар кестесін ашу</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n нысан</numerusform>
            <numerusform>%n нысан</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Жазулар</translation>
    </message>
    <message>
        <source>No labels</source>
        <translation>Жазусыз</translation>
    </message>
    <message>
        <source>Tick to show a layer; drag to change which is drawn on top; right-click for style, labels and the attribute table</source>
        <translation>Қабатты көрсету үшін белгілеңіз; қайсысы үстінде сызылатынын өзгерту үшін сүйреңіз; стиль, жазулар және атрибуттар кестесі үшін тінтуірдің оң жағын басыңыз</translation>
    </message>
</context>
<context>
    <name>Layers</name>
    <message>
        <source>Quarries</source>
        <translation>Карьерлер</translation>
    </message>
    <message>
        <source>Brick factories</source>
        <translation>Кірпіш зауыттары</translation>
    </message>
    <message>
        <source>Sewage outflows</source>
        <translation>Сарқынды су төгінділері</translation>
    </message>
    <message>
        <source>Shorelines</source>
        <translation>Жағалау сызықтары</translation>
    </message>
    <message>
        <source>Tree plantings</source>
        <translation>Ағаш отырғызу</translation>
    </message>
    <message>
        <source>Cleanup plans</source>
        <translation>Тазалау жоспарлары</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Baytak — {name}</source>
        <translation>Baytak — {name}</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Қабаттар</translation>
    </message>
    <message>
        <source>Feature details</source>
        <translation>Нысан мәліметтері</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>Атрибуттар кестесі</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>Map</source>
        <translation>Карта</translation>
    </message>
</context>
<context>
    <name>Measure</name>
    <message>
        <source>{value} m</source>
        <translation>{value} м</translation>
    </message>
    <message>
        <source>{value} km</source>
        <translation>{value} км</translation>
    </message>
    <message>
        <source>{value} ha</source>
        <translation>{value} га</translation>
    </message>
    <message>
        <source>{value} km²</source>
        <translation>{value} км²</translation>
    </message>
    <message>
        <source>Area {area}, perimeter {perimeter}</source>
        <translation>Ауданы {area}, периметрі {perimeter}</translation>
    </message>
    <message>
        <source>Distance {length}</source>
        <translation>Қашықтық {length}</translation>
    </message>
</context>
<context>
    <name>MeasureResult</name>
    <message>
        <source>Click on the map to measure</source>
        <translation>Өлшеу үшін картаны басыңыз</translation>
    </message>
</context>
<context>
    <name>OpacityControl</name>
    <message>
        <source>{value} %</source>
        <translation>{value} %</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Мөлдірсіздік</translation>
    </message>
    <message>
        <source>How opaque the current layer is drawn</source>
        <translation>Ағымдағы қабаттың қаншалықты мөлдір емес сызылатыны</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Attach photos</source>
        <translation>Фото тіркеу</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</source>
        <translation>Фотолар (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</translation>
    </message>
    <message>
        <source>No photos yet: add them here or drop them onto this form.</source>
        <translation>Әзірге фото жоқ: оларды осында қосыңыз немесе осы пішінге тастаңыз.</translation>
    </message>
    <message>
        <source>Save the feature to attach photos.</source>
        <translation>Фото тіркеу үшін нысанды сақтаңыз.</translation>
    </message>
    <message>
        <source>SHA-256: {sha}</source>
        <translation>SHA-256: {sha}</translation>
    </message>
    <message>
        <source>Taken: {when}</source>
        <translation>Түсірілген уақыты: {when}</translation>
    </message>
    <message>
        <source>Taken: unknown (no EXIF time)</source>
        <translation>Түсірілген уақыты: белгісіз (EXIF уақыты жоқ)</translation>
    </message>
    <message>
        <source>Position: {lat}, {lon}</source>
        <translation>Орны: {lat}, {lon}</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>Фото қосу…</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Фотоны алып тастау</translation>
    </message>
    <message>
        <source>Drop photos here to attach them</source>
        <translation>Тіркеу үшін фотоларды осында тастаңыз</translation>
    </message>
</context>
<context>
    <name>ScaleBar</name>
    <message>
        <source>Scale at the centre of the map, measured on the ellipsoid</source>
        <translation>Карта ортасындағы масштаб, эллипсоид бойынша өлшенген</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Scale 1:{n}</source>
        <translation>Масштаб 1:{n}</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) not yet synced</source>
        <translation>
            <numerusform>%n өзгеріс синхрондалмаған</numerusform>
            <numerusform>%n өзгеріс синхрондалмаған</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepAction</name>
    <message>
        <source>&amp;Undo {step}</source>
        <translation>&amp;Болдырмау: {step}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Болдырмау</translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation>&amp;Қайталау: {step}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Қайталау</translation>
    </message>
</context>
<context>
    <name>StoreProblems</name>
    <message>
        <source>The layer {layer} cannot be read ({reason}); the other layers are shown. Run “baytak validate” on the store for details.</source>
        <translation>«{layer}» қабатын оқу мүмкін емес ({reason}); қалған қабаттар көрсетілді. Толығырақ білу үшін қоймаға «baytak validate» командасын орындаңыз.</translation>
    </message>
    <message>
        <source>The store has a layer {layer} that Baytak does not know; it is not shown here (QGIS can open it).</source>
        <translation>Қоймада Baytak білмейтін {layer} қабаты бар; ол мұнда көрсетілмейді (оны QGIS аша алады).</translation>
    </message>
    <message>
        <source>The store is open read-only: it could not be upgraded or repaired, so nothing can be changed in it.</source>
        <translation>Қойма тек оқу үшін ашылды: оны жаңарту не жөндеу мүмкін болмады, сондықтан онда ештеңе өзгерту мүмкін емес.</translation>
    </message>
</context>
<context>
    <name>StyleDialog</name>
    <message>
        <source>The field {field} has no values in this layer yet.</source>
        <translation>Бұл қабатта {field} өрісінің әлі мәндері жоқ.</translation>
    </message>
    <message>
        <source>Style of {layer}</source>
        <translation>{layer} стилі</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Стиль</translation>
    </message>
    <message>
        <source>Single symbol</source>
        <translation>Бірыңғай таңба</translation>
    </message>
    <message>
        <source>Categorized</source>
        <translation>Санаттар бойынша</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Жазулар</translation>
    </message>
    <message>
        <source>No labels</source>
        <translation>Жазусыз</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Таңба</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Санаттар</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Өріс</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>Жіктеу</translation>
    </message>
    <message>
        <source>One category per value of the field, each with its own colour</source>
        <translation>Өрістің әр мәніне өз түсі бар бір санат</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Жою</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Алдын ала қарау</translation>
    </message>
</context>
<context>
    <name>StylesModel</name>
    <message>
        <source>The style is used but could not be saved in the store: {reason}</source>
        <translation>Стиль қолданылды, бірақ қоймаға сақталмады: {reason}</translation>
    </message>
</context>
<context>
    <name>SymbolEditor</name>
    <message>
        <source>Fill of other values</source>
        <translation>Басқа мәндердің құю түсі</translation>
    </message>
    <message>
        <source>Fill colour</source>
        <translation>Құю түсі</translation>
    </message>
    <message>
        <source>Outline colour</source>
        <translation>Контур түсі</translation>
    </message>
    <message>
        <source>Outline width, px</source>
        <translation>Контур қалыңдығы, пикс.</translation>
    </message>
    <message>
        <source>Point size, px</source>
        <translation>Нүкте өлшемі, пикс.</translation>
    </message>
    <message>
        <source>Fill transparency, %</source>
        <translation>Құю мөлдірлігі, %</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Көрініс</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Анықтама</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>Панельдер</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Тіл</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Құралдар тақтасы</translation>
    </message>
    <message>
        <source>&amp;Open store…</source>
        <translation>Қойманы &amp;ашу…</translation>
    </message>
    <message>
        <source>Open a GeoPackage store</source>
        <translation>GeoPackage қоймасын ашу</translation>
    </message>
    <message>
        <source>&amp;New store…</source>
        <translation>&amp;Жаңа қойма…</translation>
    </message>
    <message>
        <source>Create a new, empty store</source>
        <translation>Жаңа, бос қойма құру</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Импорттау…</translation>
    </message>
    <message>
        <source>Import a file into a layer</source>
        <translation>Файлды қабатқа импорттау</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Экспорттау…</translation>
    </message>
    <message>
        <source>Export a layer to a file</source>
        <translation>Қабатты файлға экспорттау</translation>
    </message>
    <message>
        <source>Add &amp;basemap (MBTiles)…</source>
        <translation>&amp;Негізгі карта қосу (MBTiles)…</translation>
    </message>
    <message>
        <source>Show raster tiles from an MBTiles file</source>
        <translation>MBTiles файлындағы растрлық тайлдарды көрсету</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <source>Close Baytak</source>
        <translation>Baytak-ты жабу</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Жақындату</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Жақындату</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Алыстату</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Алыстату</translation>
    </message>
    <message>
        <source>Zoom to &amp;Kazakhstan</source>
        <translation>&amp;Қазақстанды көрсету</translation>
    </message>
    <message>
        <source>Show the whole of Kazakhstan</source>
        <translation>Бүкіл Қазақстанды көрсету</translation>
    </message>
    <message>
        <source>Zoom to &amp;layer</source>
        <translation>&amp;Қабатқа жақындату</translation>
    </message>
    <message>
        <source>Show the whole of the current layer</source>
        <translation>Ағымдағы қабатты толық көрсету</translation>
    </message>
    <message>
        <source>&amp;Basemap</source>
        <translation>&amp;Негізгі карта</translation>
    </message>
    <message>
        <source>Show or hide the basemap</source>
        <translation>Негізгі картаны көрсету не жасыру</translation>
    </message>
    <message>
        <source>&amp;About Baytak</source>
        <translation>Baytak &amp;туралы</translation>
    </message>
    <message>
        <source>Versions and data attributions</source>
        <translation>Нұсқалар және деректер дереккөздері</translation>
    </message>
</context>
<context>
    <name>WindowJobs</name>
    <message>
        <source>This file cannot be opened</source>
        <translation>Бұл файлды ашу мүмкін емес</translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation>Қойманы ашу</translation>
    </message>
    <message>
        <source>GeoPackage stores (*.gpkg);;All files (*)</source>
        <translation>GeoPackage қоймалары (*.gpkg);;Барлық файлдар (*)</translation>
    </message>
    <message>
        <source>Create a new store</source>
        <translation>Жаңа қойма құру</translation>
    </message>
    <message>
        <source>GeoPackage stores (*.gpkg)</source>
        <translation>GeoPackage қоймалары (*.gpkg)</translation>
    </message>
    <message>
        <source>The store cannot be created</source>
        <translation>Қойманы құру мүмкін емес</translation>
    </message>
    <message>
        <source>Importing {file} into {layer}…</source>
        <translation>{file} файлы «{layer}» қабатына импортталуда…</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Ештеңе импортталмады</translation>
    </message>
    <message>
        <source>Import cancelled: the store is as it was.</source>
        <translation>Импорт тоқтатылды: қойма бұрынғы күйінде.</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) imported into {layer}.</source>
        <translation>
            <numerusform>«{layer}» қабатына %n нысан импортталды.</numerusform>
            <numerusform>«{layer}» қабатына %n нысан импортталды.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some rows were skipped</source>
        <translation>Кейбір жолдар өткізіп жіберілді</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were invalid and skipped.</source>
        <translation>
            <numerusform>%n жол қате болғандықтан өткізіп жіберілді.</numerusform>
            <numerusform>%n жол қате болғандықтан өткізіп жіберілді.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting {layer} to {file}…</source>
        <translation>«{layer}» қабаты {file} файлына экспортталуда…</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) exported to {file}.</source>
        <translation>
            <numerusform>{file} файлына %n нысан экспортталды.</numerusform>
            <numerusform>{file} файлына %n нысан экспортталды.</numerusform>
        </translation>
    </message>
    <message>
        <source>The layer was not exported</source>
        <translation>Қабат экспортталмады</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>Экспорт тоқтатылды: ешбір файл жазылмады.</translation>
    </message>
    <message>
        <source>Add a basemap</source>
        <translation>Негізгі карта қосу</translation>
    </message>
    <message>
        <source>MBTiles files (*.mbtiles)</source>
        <translation>MBTiles файлдары (*.mbtiles)</translation>
    </message>
</context>
</TS>
