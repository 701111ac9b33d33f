<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>DashCombo</name>
    <message>
        <source>Solid</source>
        <translation>Тұтас</translation>
    </message>
    <message>
        <source>Dashed</source>
        <translation>Үзік сызық</translation>
    </message>
    <message>
        <source>Dotted</source>
        <translation>Нүктелі</translation>
    </message>
    <message>
        <source>Dash and dot</source>
        <translation>Сызықша мен нүкте</translation>
    </message>
</context>
<context>
    <name>SymbolEditor</name>
    <message>
        <source>Line colour of other values</source>
        <translation>Басқа мәндердің сызық түсі</translation>
    </message>
    <message>
        <source>Line pattern</source>
        <translation>Сызық түрі</translation>
    </message>
</context>
<context>
    <name>CategoryTable</name>
    <message>
        <source>Line colour</source>
        <translation>Сызық түсі</translation>
    </message>
    <message>
        <source>Width, px</source>
        <translation>Қалыңдығы, пикс.</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Түрі</translation>
    </message>
</context>
<context>
    <name>TrackSaveDialog</name>
    <message>
        <source>Save the walked track</source>
        <translation>Жүрілген жолды сақтау</translation>
    </message>
    <message>
        <source>The track has {points} points, {length} m walked. Save it as a new feature: the outline of an area, or a line (a river bank, a canal)? The GPX file stays either way.</source>
        <translation>Жолда {points} нүкте бар, {length} м жүрілді. Оны жаңа нысан ретінде сақтау керек пе: аумақтың шекарасы ма, әлде сызық па (өзен жағасы, арна)? GPX файлы қалай болғанда да сақталады.</translation>
    </message>
    <message>
        <source>Save as line</source>
        <translation>Сызық ретінде сақтау</translation>
    </message>
</context>
<context>
    <name>DomainMessages</name>
    <message>
        <source>style.{key}: only a line layer has line patterns and widths per code</source>
        <translation>style.{key}: сызық түрі мен әр кодтың қалыңдығы тек сызықтық қабатта болады</translation>
    </message>
    <message>
        <source>The line pattern {value} is not one of: solid, dash, dot, dashdot.</source>
        <translation>{value} сызық түрі мыналардың бірі емес: solid, dash, dot, dashdot.</translation>
    </message>
    <message>
        <source>style.{key}: values per code need categorized_by</source>
        <translation>style.{key}: әр кодқа мән беру үшін categorized_by қажет</translation>
    </message>
    <message>
        <source>style.{key}: {code} is not a code of {name}</source>
        <translation>style.{key}: {code} — {name} өрісінің коды емес</translation>
    </message>
</context>
</TS>
