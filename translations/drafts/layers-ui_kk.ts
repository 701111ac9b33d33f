<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>EditActions</name>
    <message>
        <source>Draw &amp;line</source>
        <translation>&amp;Сызық сызу</translation>
    </message>
    <message>
        <source>Click the points of a new line (a river, a canal); double-click to finish</source>
        <translation>Жаңа сызықтың (өзен, арна) нүктелерін басыңыз; аяқтау үшін екі рет басыңыз</translation>
    </message>
</context>
<context>
    <name>SymbolEditor</name>
    <message>
        <source>Line colour</source>
        <translation>Сызық түсі</translation>
    </message>
    <message>
        <source>Line width, px</source>
        <translation>Сызық қалыңдығы, пикс.</translation>
    </message>
</context>
</TS>
