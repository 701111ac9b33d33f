<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
  <context>
    <name>DomainMessages</name>
    <message>
      <source>The basemap cannot be written over the store itself; choose another name.</source>
      <translation>Негізгі картаны қойманың өзінің үстіне жазуға болмайды; басқа атау таңдаңыз.</translation>
    </message>
    <message>
      <source>The basemap {path} is not on this device; the map is drawn without it. Add it again from File.</source>
      <translation>{path} негізгі картасы бұл құрылғыда жоқ; карта онсыз салынады. Оны «Файл» мәзірінен қайта қосыңыз.</translation>
    </message>
  </context>
  <context>
    <name>ReferencePanel</name>
    <message>
      <source>Basemaps and imagery</source>
      <translation>Негізгі карталар мен суреттер</translation>
    </message>
    <message>
      <source>Opacity</source>
      <translation>Мөлдірсіздік</translation>
    </message>
    <message>
      <source>One date at a time</source>
      <translation>Бір күн ғана</translation>
    </message>
    <message>
      <source>Show only the images taken on the date chosen with the slider</source>
      <translation>Жүгірткімен таңдалған күні түсірілген суреттерді ғана көрсету</translation>
    </message>
    <message>
      <source>Not on this device: {path}</source>
      <translation>Бұл құрылғыда жоқ: {path}</translation>
    </message>
    <message>
      <source>Image: {title}</source>
      <translation>Сурет: {title}</translation>
    </message>
    <message>
      <source>OpenStreetMap: {title}</source>
      <translation>OpenStreetMap: {title}</translation>
    </message>
    <message>
      <source>Swipe</source>
      <translation>Перде</translation>
    </message>
    <message>
      <source>Brightness</source>
      <translation>Жарықтық</translation>
    </message>
    <message>
      <source>Show the top image only left of the slider's position, to compare it with what is under it</source>
      <translation>Жоғарғы суретті жүгірткі тұрған жердің сол жағында ғана көрсету: астындағымен салыстыру үшін</translation>
    </message>
  </context>
  <context>
    <name>WindowActions</name>
    <message>
      <source>Add basemap (.osm.pbf)…</source>
      <translation>Негізгі карта қосу (.osm.pbf)…</translation>
    </message>
    <message>
      <source>Build an offline basemap from an OpenStreetMap extract and add it to the store</source>
      <translation>OpenStreetMap үзіндісінен желісіз негізгі карта жасап, оны қоймаға қосу</translation>
    </message>
    <message>
      <source>Add imagery…</source>
      <translation>Сурет қосу…</translation>
    </message>
    <message>
      <source>Add a drone or satellite image (GeoTIFF, JPEG 2000, …) to the store</source>
      <translation>Дрон немесе спутник суретін (GeoTIFF, JPEG 2000, …) қоймаға қосу</translation>
    </message>
  </context>
  <context>
    <name>WindowJobs</name>
    <message>
      <source>Add a basemap from an OpenStreetMap extract</source>
      <translation>OpenStreetMap үзіндісінен негізгі карта қосу</translation>
    </message>
    <message>
      <source>OpenStreetMap extracts (*.osm.pbf *.pbf)</source>
      <translation>OpenStreetMap үзінділері (*.osm.pbf *.pbf)</translation>
    </message>
    <message>
      <source>No basemap was added</source>
      <translation>Негізгі карта қосылмады</translation>
    </message>
    <message>
      <source>Building a basemap from {file}…</source>
      <translation>{file} файлынан негізгі карта жасалуда…</translation>
    </message>
    <message>
      <source>Basemap cancelled: nothing was added.</source>
      <translation>Негізгі карта тоқтатылды: ештеңе қосылмады.</translation>
    </message>
    <message>
      <source>Basemap {title} added.</source>
      <translation>{title} негізгі картасы қосылды.</translation>
    </message>
    <message>
      <source>Add a drone or satellite image</source>
      <translation>Дрон немесе спутник суретін қосу</translation>
    </message>
    <message>
      <source>Images (*.tif *.tiff *.jp2 *.img *.vrt);;All files (*)</source>
      <translation>Суреттер (*.tif *.tiff *.jp2 *.img *.vrt);;Барлық файлдар (*)</translation>
    </message>
    <message>
      <source>When was it taken?</source>
      <translation>Қашан түсірілген?</translation>
    </message>
    <message>
      <source>Date the image was taken (YYYY-MM-DD), or leave empty:</source>
      <translation>Суреттің түсірілген күні (ЖЖЖЖ-АА-КК) немесе бос қалдырыңыз:</translation>
    </message>
    <message>
      <source>No image was added</source>
      <translation>Сурет қосылмады</translation>
    </message>
    <message>
      <source>Adding the image {file}…</source>
      <translation>{file} суреті қосылуда…</translation>
    </message>
    <message>
      <source>Image cancelled: nothing was added.</source>
      <translation>Сурет тоқтатылды: ештеңе қосылмады.</translation>
    </message>
    <message>
      <source>Image {title} added.</source>
      <translation>{title} суреті қосылды.</translation>
    </message>
  </context>
</TS>
