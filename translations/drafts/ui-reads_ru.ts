<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>AttributeTable</name>
    <message>
      <source>Loading…</source>
      <translation>Загрузка…</translation>
    </message>
  </context>
  <context>
    <name>FeatureFormPanel</name>
    <message>
      <source>Loading…</source>
      <translation>Загрузка…</translation>
    </message>
  </context>
</TS>
