<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
  <context>
    <name>MapTool</name>
    <message>
      <source>Reading the map data…</source>
      <translation>Карта деректері оқылуда…</translation>
    </message>
  </context>
</TS>
