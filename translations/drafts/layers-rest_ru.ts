<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>DashCombo</name>
    <message>
        <source>Solid</source>
        <translation>Сплошная</translation>
    </message>
    <message>
        <source>Dashed</source>
        <translation>Штриховая</translation>
    </message>
    <message>
        <source>Dotted</source>
        <translation>Точечная</translation>
    </message>
    <message>
        <source>Dash and dot</source>
        <translation>Штрихпунктирная</translation>
    </message>
</context>
<context>
    <name>SymbolEditor</name>
    <message>
        <source>Line colour of other values</source>
        <translation>Цвет линии остальных значений</translation>
    </message>
    <message>
        <source>Line pattern</source>
        <translation>Тип линии</translation>
    </message>
</context>
<context>
    <name>CategoryTable</name>
    <message>
        <source>Line colour</source>
        <translation>Цвет линии</translation>
    </message>
    <message>
        <source>Width, px</source>
        <translation>Толщина, пикс.</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Тип</translation>
    </message>
</context>
<context>
    <name>TrackSaveDialog</name>
    <message>
        <source>Save the walked track</source>
        <translation>Сохранить пройденный трек</translation>
    </message>
    <message>
        <source>The track has {points} points, {length} m walked. Save it as a new feature: the outline of an area, or a line (a river bank, a canal)? The GPX file stays either way.</source>
        <translation>В треке {points} точек, пройдено {length} м. Сохранить его как новый объект: контур участка или линию (берег реки, канал)? Файл GPX сохраняется в любом случае.</translation>
    </message>
    <message>
        <source>Save as line</source>
        <translation>Сохранить как линию</translation>
    </message>
</context>
<context>
    <name>DomainMessages</name>
    <message>
        <source>style.{key}: only a line layer has line patterns and widths per code</source>
        <translation>style.{key}: тип линии и толщина по кодам бывают только у линейного слоя</translation>
    </message>
    <message>
        <source>The line pattern {value} is not one of: solid, dash, dot, dashdot.</source>
        <translation>Тип линии {value} не из списка: solid, dash, dot, dashdot.</translation>
    </message>
    <message>
        <source>style.{key}: values per code need categorized_by</source>
        <translation>style.{key}: для значений по кодам нужен categorized_by</translation>
    </message>
    <message>
        <source>style.{key}: {code} is not a code of {name}</source>
        <translation>style.{key}: {code} — не код поля {name}</translation>
    </message>
</context>
</TS>
