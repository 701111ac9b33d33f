<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>EditActions</name>
    <message>
        <source>Draw &amp;line</source>
        <translation>Нарисовать &amp;линию</translation>
    </message>
    <message>
        <source>Click the points of a new line (a river, a canal); double-click to finish</source>
        <translation>Щёлкайте по точкам новой линии (река, канал); двойной щелчок завершает</translation>
    </message>
</context>
<context>
    <name>SymbolEditor</name>
    <message>
        <source>Line colour</source>
        <translation>Цвет линии</translation>
    </message>
    <message>
        <source>Line width, px</source>
        <translation>Толщина линии, пикс.</translation>
    </message>
</context>
</TS>
