<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>DomainMessages</name>
    <message>
      <source>The basemap cannot be written over the store itself; choose another name.</source>
      <translation>Подложку нельзя записать поверх самого хранилища; выберите другое имя.</translation>
    </message>
    <message>
      <source>The basemap {path} is not on this device; the map is drawn without it. Add it again from File.</source>
      <translation>Подложки {path} нет на этом устройстве; карта рисуется без неё. Добавьте её снова через меню «Файл».</translation>
    </message>
  </context>
  <context>
    <name>ReferencePanel</name>
    <message>
      <source>Basemaps and imagery</source>
      <translation>Подложки и снимки</translation>
    </message>
    <message>
      <source>Opacity</source>
      <translation>Непрозрачность</translation>
    </message>
    <message>
      <source>One date at a time</source>
      <translation>Только одна дата</translation>
    </message>
    <message>
      <source>Show only the images taken on the date chosen with the slider</source>
      <translation>Показывать только снимки, сделанные в дату, выбранную ползунком</translation>
    </message>
    <message>
      <source>Not on this device: {path}</source>
      <translation>Нет на этом устройстве: {path}</translation>
    </message>
    <message>
      <source>Image: {title}</source>
      <translation>Снимок: {title}</translation>
    </message>
    <message>
      <source>OpenStreetMap: {title}</source>
      <translation>OpenStreetMap: {title}</translation>
    </message>
    <message>
      <source>Swipe</source>
      <translation>Шторка</translation>
    </message>
    <message>
      <source>Brightness</source>
      <translation>Яркость</translation>
    </message>
    <message>
      <source>Show the top image only left of the slider's position, to compare it with what is under it</source>
      <translation>Показывать верхний снимок только слева от ползунка, чтобы сравнить его с тем, что под ним</translation>
    </message>
  </context>
  <context>
    <name>WindowActions</name>
    <message>
      <source>Add basemap (.osm.pbf)…</source>
      <translation>Добавить подложку (.osm.pbf)…</translation>
    </message>
    <message>
      <source>Build an offline basemap from an OpenStreetMap extract and add it to the store</source>
      <translation>Построить офлайн-подложку из выгрузки OpenStreetMap и добавить её в хранилище</translation>
    </message>
    <message>
      <source>Add imagery…</source>
      <translation>Добавить снимок…</translation>
    </message>
    <message>
      <source>Add a drone or satellite image (GeoTIFF, JPEG 2000, …) to the store</source>
      <translation>Добавить снимок с дрона или спутника (GeoTIFF, JPEG 2000, …) в хранилище</translation>
    </message>
  </context>
  <context>
    <name>WindowJobs</name>
    <message>
      <source>Add a basemap from an OpenStreetMap extract</source>
      <translation>Добавить подложку из выгрузки OpenStreetMap</translation>
    </message>
    <message>
      <source>OpenStreetMap extracts (*.osm.pbf *.pbf)</source>
      <translation>Выгрузки OpenStreetMap (*.osm.pbf *.pbf)</translation>
    </message>
    <message>
      <source>No basemap was added</source>
      <translation>Подложка не добавлена</translation>
    </message>
    <message>
      <source>Building a basemap from {file}…</source>
      <translation>Построение подложки из {file}…</translation>
    </message>
    <message>
      <source>Basemap cancelled: nothing was added.</source>
      <translation>Подложка отменена: ничего не добавлено.</translation>
    </message>
    <message>
      <source>Basemap {title} added.</source>
      <translation>Подложка {title} добавлена.</translation>
    </message>
    <message>
      <source>Add a drone or satellite image</source>
      <translation>Добавить снимок с дрона или спутника</translation>
    </message>
    <message>
      <source>Images (*.tif *.tiff *.jp2 *.img *.vrt);;All files (*)</source>
      <translation>Снимки (*.tif *.tiff *.jp2 *.img *.vrt);;Все файлы (*)</translation>
    </message>
    <message>
      <source>When was it taken?</source>
      <translation>Когда сделан снимок?</translation>
    </message>
    <message>
      <source>Date the image was taken (YYYY-MM-DD), or leave empty:</source>
      <translation>Дата съёмки (ГГГГ-ММ-ДД) или оставьте пустым:</translation>
    </message>
    <message>
      <source>No image was added</source>
      <translation>Снимок не добавлен</translation>
    </message>
    <message>
      <source>Adding the image {file}…</source>
      <translation>Добавление снимка {file}…</translation>
    </message>
    <message>
      <source>Image cancelled: nothing was added.</source>
      <translation>Снимок отменён: ничего не добавлено.</translation>
    </message>
    <message>
      <source>Image {title} added.</source>
      <translation>Снимок {title} добавлен.</translation>
    </message>
  </context>
</TS>
