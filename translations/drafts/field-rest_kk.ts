<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>DomainMessages</name>
    <message>
        <source>Adding demo {layer}…</source>
        <translation>Демо деректер қосылуда: {layer}…</translation>
    </message>
    <message>
        <source>Basemap ready</source>
        <translation>Негізгі карта дайын</translation>
    </message>
    <message>
        <source>Building overviews for fast zooming out…</source>
        <translation>Жылдам кішірейту үшін шолу деңгейлері құрылуда…</translation>
    </message>
    <message>
        <source>Building the spatial indexes…</source>
        <translation>Кеңістіктік индекстер құрылуда…</translation>
    </message>
    <message>
        <source>Changes to send: {count}</source>
        <translation>Жіберілетін өзгерістер: {count}</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Әр жол тексерілуде…</translation>
    </message>
    <message>
        <source>Checking the photos and writing the dossier…</source>
        <translation>Фотосуреттер тексеріліп, досье жазылуда…</translation>
    </message>
    <message>
        <source>Computing the SHA-256 of the file…</source>
        <translation>Файлдың SHA-256 мәні есептелуде…</translation>
    </message>
    <message>
        <source>Conflict {id} resolved</source>
        <translation>{id} қайшылығы шешілді</translation>
    </message>
    <message>
        <source>Demo data ready</source>
        <translation>Демо деректер дайын</translation>
    </message>
    <message>
        <source>Distances measured</source>
        <translation>Қашықтықтар өлшенді</translation>
    </message>
    <message>
        <source>Drawing the map, its legend and scale bar…</source>
        <translation>Карта, шартты белгілер мен масштаб сызғышы салынуда…</translation>
    </message>
    <message>
        <source>Drawing the web map…</source>
        <translation>Веб-карта салынуда…</translation>
    </message>
    <message>
        <source>File written</source>
        <translation>Файл жазылды</translation>
    </message>
    <message>
        <source>Image added</source>
        <translation>Сурет қосылды</translation>
    </message>
    <message>
        <source>Measuring distances…</source>
        <translation>Қашықтықтар өлшенуде…</translation>
    </message>
    <message>
        <source>Overviews built</source>
        <translation>Шолу деңгейлері құрылды</translation>
    </message>
    <message>
        <source>Preparing your edits…</source>
        <translation>Түзетулеріңіз дайындалуда…</translation>
    </message>
    <message>
        <source>Reading places: {count} objects</source>
        <translation>Елді мекендер оқылуда: {count} нысан</translation>
    </message>
    <message>
        <source>Reading roads, railways and rivers: {count} objects</source>
        <translation>Жолдар, темір жолдар мен өзендер оқылуда: {count} нысан</translation>
    </message>
    <message>
        <source>Reading the Natural Earth shorelines…</source>
        <translation>Natural Earth жағалау сызықтары оқылуда…</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Файл оқылуда…</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Тарих оқылуда…</translation>
    </message>
    <message>
        <source>Reading the layer…</source>
        <translation>Қабат оқылуда…</translation>
    </message>
    <message>
        <source>Reading water, land cover and buildings: {count} objects</source>
        <translation>Су нысандары, жер жамылғысы мен ғимараттар оқылуда: {count} нысан</translation>
    </message>
    <message>
        <source>Reading {layer}…</source>
        <translation>«{layer}» қабаты оқылуда…</translation>
    </message>
    <message>
        <source>Receiving changes (revision {rev})…</source>
        <translation>Өзгерістер алынуда ({rev}-нұсқа)…</translation>
    </message>
    <message>
        <source>Resolving conflict {id}…</source>
        <translation>{id} қайшылығы шешілуде…</translation>
    </message>
    <message>
        <source>Saving features: {done} of {count}</source>
        <translation>Нысандар сақталуда: {count} ішінен {done}</translation>
    </message>
    <message>
        <source>Sending changes: {count}…</source>
        <translation>Өзгерістер жіберілуде: {count}…</translation>
    </message>
    <message>
        <source>Sending photo {index} of {count}…</source>
        <translation>{count} фотоның {index}-і жіберілуде…</translation>
    </message>
    <message>
        <source>Sent; reading the server's answer…</source>
        <translation>Жіберілді; сервердің жауабы оқылуда…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Кіру…</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>Шығу…</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>Синхрондау аяқталды</translation>
    </message>
    <message>
        <source>The image already has overviews</source>
        <translation>Суретте шолу деңгейлері бұрыннан бар</translation>
    </message>
    <message>
        <source>The photo distance limit must be a number of kilometres, 0 or more, not {value}.</source>
        <translation>Фотоның қашықтық шегі 0 немесе одан көп километр саны болуы керек, {value} емес.</translation>
    </message>
    <message>
        <source>The photo time limit must be a whole number of days, 0 or more, not {value}.</source>
        <translation>Фотоның уақыт шегі 0 немесе одан көп бүтін күн саны болуы керек, {value} емес.</translation>
    </message>
    <message>
        <source>The server's answer is saved</source>
        <translation>Сервердің жауабы сақталды</translation>
    </message>
    <message>
        <source>Tracking the edits made by another program…</source>
        <translation>Басқа бағдарлама жасаған түзетулер есепке алынуда…</translation>
    </message>
    <message>
        <source>Web map written</source>
        <translation>Веб-карта жазылды</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>Файл жазылуда…</translation>
    </message>
    <message>
        <source>Writing the web map…</source>
        <translation>Веб-карта жазылуда…</translation>
    </message>
</context>
</TS>
