<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
  <context>
    <name>DomainMessages</name>
    <message>
      <source>"{value}" has curves (arcs), which baytak cannot store: convert them to straight segments</source>
      <translation>"{value}" ішінде қисықтар (доғалар) бар, baytak оларды сақтай алмайды: оларды түзу кесінділерге айналдырыңыз</translation>
    </message>
    <message>
      <source>"{value}" is a kind of geometry baytak cannot store (a point, line or polygon is needed)</source>
      <translation>"{value}" — baytak сақтай алмайтын геометрия түрі (нүкте, сызық немесе көпбұрыш керек)</translation>
    </message>
    <message>
      <source>"{value}" is not a WKT geometry (like POINT (77.07 43.87) or POLYGON ((...)))</source>
      <translation>"{value}" WKT геометриясы емес (мысалы, POINT (77.07 43.87) немесе POLYGON ((...)))</translation>
    </message>
    <message>
      <source>The X and Y columns of {file} can be read either way (X as longitude, as GIS programs write, or X as latitude, as Russian survey tables do): say which column is the latitude</source>
      <translation>{file} файлындағы X және Y бағандарын екі жолмен де оқуға болады (ГАЖ бағдарламаларындағыдай X — бойлық, немесе геодезиялық кестелердегідей X — ендік): қай баған ендік екенін көрсетіңіз</translation>
    </message>
    <message>
      <source>The X and Y columns of {file} only make sense with X as the latitude (northing), as Russian survey tables write them: import them swapped</source>
      <translation>{file} файлындағы X және Y бағандарының мағынасы X ендік (солтүстік координата) болғанда ғана шығады, геодезиялық кестелердегідей: оларды орындарын ауыстырып импорттаңыз</translation>
    </message>
    <message>
      <source>The layer {layer} has no field {field} that an import can fill. Fields: {fields}.</source>
      <translation>{layer} қабатында импорт толтыра алатын {field} өрісі жоқ. Өрістер: {fields}.</translation>
    </message>
    <message>
      <source>The shapefile {file} has no {part} file (its index): add it, or re-export the shapefile</source>
      <translation>{file} shapefile-ында {part} файлы (оның индексі) жоқ: оны қосыңыз немесе shapefile-ды қайта экспорттаңыз</translation>
    </message>
    <message>
      <source>The shapefile {file} has no {part} file, so its attributes are missing: add it</source>
      <translation>{file} shapefile-ында {part} файлы жоқ, сондықтан оның атрибуттары жоқ: оны қосыңыз</translation>
    </message>
    <message>
      <source>The text of {file} is not in an encoding baytak can recognise for sure ({found}): choose its encoding</source>
      <translation>{file} мәтінінің кодтауын baytak сенімді түрде анықтай алмайды ({found}): оның кодтауын таңдаңыз</translation>
    </message>
    <message>
      <source>The value {value!r} given for the field {field} cannot be used: {reason}</source>
      <translation>{field} өрісі үшін берілген {value!r} мәнін қолдануға болмайды: {reason}</translation>
    </message>
    <message>
      <source>a polygon ring has {points} points; it needs at least 4 (three corners and the first point repeated at the end)</source>
      <translation>көпбұрыш сақинасында {points} нүкте бар; кемінде 4 керек (үш бұрыш және соңында қайталанған бірінші нүкте)</translation>
    </message>
    <message>
      <source>the coordinates fall outside longitude -180..180 / latitude -90..90 (x {minx}..{maxx}, y {miny}..{maxy})</source>
      <translation>координаталар бойлық -180..180 / ендік -90..90 шегінен тыс (x {minx}..{maxx}, y {miny}..{maxy})</translation>
    </message>
    <message>
      <source>the feature {uuid} was not exported: its geometry cannot be read ({reason})</source>
      <translation>{uuid} нысаны экспортталмады: оның геометриясын оқу мүмкін емес ({reason})</translation>
    </message>
    <message>
      <source>the geometry cannot be read: {reason}</source>
      <translation>геометрияны оқу мүмкін емес: {reason}</translation>
    </message>
    <message>
      <source>the polygon ring is not closed: its last point must repeat its first. Close the ring in the source file and import it again</source>
      <translation>көпбұрыш сақинасы тұйықталмаған: соңғы нүктесі біріншісін қайталауы керек. Бастапқы файлда сақинаны тұйықтап, қайта импорттаңыз</translation>
    </message>
    <message>
      <source>the text had a NUL character (an invisible control code); it was removed and the rest kept</source>
      <translation>мәтінде NUL таңбасы (көрінбейтін басқару коды) болды; ол алынып тасталды, қалғаны сақталды</translation>
    </message>
    <message>
      <source>the uuid {uuid} is also on row {other}: a feature can be in the file once</source>
      <translation>{uuid} uuid-і {other}-жолда да бар: бір нысан файлда бір рет қана болуы мүмкін</translation>
    </message>
    <message>
      <source>the value {value!r} of {field} of the feature {uuid} is not a {kind} and was left empty</source>
      <translation>{uuid} нысанының {field} өрісіндегі {value!r} мәні {kind} емес, сондықтан бос қалдырылды</translation>
    </message>
    <message>
      <source>{encoding} is not a text encoding baytak knows. Use one of: {known}</source>
      <translation>{encoding} — baytak білмейтін мәтін кодтауы. Мыналардың бірін қолданыңыз: {known}</translation>
    </message>
    <message>
      <source>{file} already exists: choose another name, or replace it</source>
      <translation>{file} бұрыннан бар: басқа атау таңдаңыз немесе оны ауыстырыңыз</translation>
    </message>
    <message>
      <source>{file} already has a layer {layer}: choose another file, or replace that layer</source>
      <translation>{file} ішінде {layer} қабаты бұрыннан бар: басқа файл таңдаңыз немесе сол қабатты ауыстырыңыз</translation>
    </message>
    <message>
      <source>{file} does not say it is GPX 1.0 or 1.1; it was read as GPX 1.1</source>
      <translation>{file} өзінің GPX 1.0 немесе 1.1 екенін көрсетпейді; ол GPX 1.1 ретінде оқылды</translation>
    </message>
    <message>
      <source>{file} has no column for the required field(s) {fields} of {layer}. Match one of its columns to each, or give a value for all rows. Its columns: {columns}</source>
      <translation>{file} файлында {layer} қабатының міндетті {fields} өрісі(тері) үшін баған жоқ. Әрқайсысына файлдың бір бағанын сәйкестендіріңіз немесе барлық жолдар үшін мән беріңіз. Оның бағандары: {columns}</translation>
    </message>
    <message>
      <source>{file} has no features to import.</source>
      <translation>{file} ішінде импорттайтын нысан жоқ.</translation>
    </message>
    <message>
      <source>{file} has no {kind} features for layer {layer}: all {count} are of another geometry type.</source>
      <translation>{file} ішінде {layer} қабаты үшін {kind} нысандары жоқ: барлық {count} нысан басқа геометрия түріне жатады.</translation>
    </message>
    <message>
      <source>{file} is a Baytak store: an export never writes into a store (it would replace its data). Choose another file</source>
      <translation>{file} — Baytak қоймасы: экспорт ешқашан қоймаға жазбайды (оның деректерін алмастырып жіберер еді). Басқа файл таңдаңыз</translation>
    </message>
    <message>
      <source>{file} is not {encoding} text (byte {position} cannot be read): choose another encoding</source>
      <translation>{file} — {encoding} мәтіні емес ({position}-байтты оқу мүмкін емес): басқа кодтауды таңдаңыз</translation>
    </message>
    <message>
      <source>{file} is {kind}, whose text is always UTF-8: no encoding needs choosing</source>
      <translation>{file} — {kind}, оның мәтіні әрқашан UTF-8: кодтауды таңдаудың қажеті жоқ</translation>
    </message>
    <message>
      <source>{file}: a column holds values of different kinds (numbers and text); they are read as text</source>
      <translation>{file}: бағанда әртүрлі мәндер бар (сандар мен мәтін); олар мәтін ретінде оқылды</translation>
    </message>
    <message>
      <source>{file}: measures (M values) of the geometries were dropped</source>
      <translation>{file}: геометриялардың өлшемдері (M мәндері) алынып тасталды</translation>
    </message>
    <message>
      <source>{file}: measures (M values) of {count} features were dropped</source>
      <translation>{file}: {count} нысанның өлшемдері (M мәндері) алынып тасталды</translation>
    </message>
    <message>
      <source>{file}: none of its {rows} rows is valid; nothing was imported.</source>
      <translation>{file}: оның {rows} жолының бірі де дұрыс емес; ештеңе импортталмады.</translation>
    </message>
    <message>
      <source>{file}: some characters could not be converted; check the encoding of the text</source>
      <translation>{file}: кейбір таңбаларды түрлендіру мүмкін болмады; мәтіннің кодтауын тексеріңіз</translation>
    </message>
    <message>
      <source>{file}: some geometries do not follow the format's rules</source>
      <translation>{file}: кейбір геометриялар формат ережелеріне сай емес</translation>
    </message>
    <message>
      <source>{file}: the heights (Z values) of {count} features were dropped: the layers store positions only</source>
      <translation>{file}: {count} нысанның биіктіктері (Z мәндері) алынып тасталды: қабаттар тек орынды сақтайды</translation>
    </message>
    <message>
      <source>{file}: {bad} of {rows} rows are invalid, nothing was imported</source>
      <translation>{file}: {rows} жолдың {bad}-і дұрыс емес, ештеңе импортталмады</translation>
    </message>
    <message>
      <source>{file}: {count} values are longer than a Shapefile can hold ({limit} bytes, about 127 Cyrillic letters): {where}. Export to GeoPackage, GeoJSON or CSV instead, or shorten them</source>
      <translation>{file}: {count} мән Shapefile сыйғыза алатыннан ұзын ({limit} байт, шамамен 127 кирилл әрпі): {where}. Оның орнына GeoPackage, GeoJSON немесе CSV-ге экспорттаңыз, не оларды қысқартыңыз</translation>
    </message>
    <message>
      <source>{file}: {detail}</source>
      <translation>{file}: {detail}</translation>
    </message>
    <message>
      <source>{option} takes {shape}, not {text!r}.</source>
      <translation>{option} {shape} пішінін алады, {text!r} емес.</translation>
    </message>
    <message>
      <source>{path} is a GeoPackage but not a Baytak store; it was left as it is. Create a store, then import this file's layers into it</source>
      <translation>{path} — GeoPackage, бірақ Baytak қоймасы емес; ол өзгеріссіз қалдырылды. Қойма жасап, содан кейін осы файлдың қабаттарын соған импорттаңыз</translation>
    </message>
    <message>
      <source>{value!r} is not a uuid; the feature gets a new one</source>
      <translation>{value!r} uuid емес; нысанға жаңасы беріледі</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <source>Text encoding:</source>
      <translation>Мәтін кодтауы:</translation>
    </message>
    <message>
      <source>Fields (the column of the file for each field, or one value for every row):</source>
      <translation>Өрістер (әр өріс үшін файлдың бағаны немесе барлық жолдар үшін бір мән):</translation>
    </message>
    <message>
      <source>Automatic (told from the file)</source>
      <translation>Автоматты түрде (файлдан анықталады)</translation>
    </message>
    <message>
      <source>CP1251 (Windows, Cyrillic)</source>
      <translation>CP1251 (Windows, кирилл)</translation>
    </message>
    <message>
      <source>KZ-1048 (Windows, Kazakh)</source>
      <translation>KZ-1048 (Windows, қазақ)</translation>
    </message>
    <message>
      <source>CP866 (DOS, Cyrillic)</source>
      <translation>CP866 (DOS, кирилл)</translation>
    </message>
    <message>
      <source>CP1252 (Windows, Western European)</source>
      <translation>CP1252 (Windows, батыс еуропалық)</translation>
    </message>
    <message>
      <source>The code page the file's text was written in. Choose another when names look garbled.</source>
      <translation>Файл мәтіні жазылған кодтық бет. Атаулар бұрмаланып көрінсе, басқасын таңдаңыз.</translation>
    </message>
    <message>
      <source>Value for rows without one</source>
      <translation>Мәні жоқ жолдарға арналған мән</translation>
    </message>
    <message>
      <source>Files baytak can import (*.geojson *.json *.gpkg *.shp *.zip *.dbf *.kml *.kmz *.gpx *.csv *.txt)</source>
      <translation>baytak импорттай алатын файлдар (*.geojson *.json *.gpkg *.shp *.zip *.dbf *.kml *.kmz *.gpx *.csv *.txt)</translation>
    </message>
    <message>
      <source>Not imported (no field takes them): {columns}</source>
      <translation>Импортталмайды (оларды ешбір өріс қабылдамайды): {columns}</translation>
    </message>
    <message>
      <source>Needs a column or a value: {fields}</source>
      <translation>Баған немесе мән керек: {fields}</translation>
    </message>
    <message>
      <source>as chosen</source>
      <translation>таңдалғандай</translation>
    </message>
    <message>
      <source>as the file declares</source>
      <translation>файлда көрсетілгендей</translation>
    </message>
    <message>
      <source>as the .dbf file says</source>
      <translation>.dbf файлында көрсетілгендей</translation>
    </message>
    <message>
      <source>told from the text; choose another above if names look garbled</source>
      <translation>мәтіннен анықталды; атаулар бұрмаланып көрінсе, жоғарыдан басқасын таңдаңыз</translation>
    </message>
    <message>
      <source>Text read as {encoding} ({how}).</source>
      <translation>Мәтін {encoding} ретінде оқылды ({how}).</translation>
    </message>
  </context>
  <context>
    <name>WindowJobs</name>
    <message numerus="yes">
      <source>%n feature(s) already there were updated.</source>
      <translation>
        <numerusform>Бұрыннан бар %n нысан жаңартылды.</numerusform>
        <numerusform>Бұрыннан бар %n нысан жаңартылды.</numerusform>
      </translation>
    </message>
    <message>
      <source>Imported, with notes</source>
      <translation>Импортталды, ескертулер бар</translation>
    </message>
    <message numerus="yes">
      <source>%n row(s) were already in the store as they are in the file.</source>
      <translation>
        <numerusform>%n жол қоймада файлдағыдай бұрыннан бар еді.</numerusform>
        <numerusform>%n жол қоймада файлдағыдай бұрыннан бар еді.</numerusform>
      </translation>
    </message>
    <message>
      <source>Text read as {encoding}.</source>
      <translation>Мәтін {encoding} ретінде оқылды.</translation>
    </message>
    <message>
      <source>Not imported (no field takes them): {columns}</source>
      <translation>Импортталмады (оларды ешбір өріс қабылдамайды): {columns}</translation>
    </message>
    <message>
      <source>Replace the file?</source>
      <translation>Файлды ауыстыру керек пе?</translation>
    </message>
    <message>
      <source>{file} already exists. Replace it? (In a GeoPackage only the layer {layer} is replaced; a Baytak store is never replaced.)</source>
      <translation>{file} бұрыннан бар. Оны ауыстыру керек пе? (GeoPackage ішінде тек {layer} қабаты ауыстырылады; Baytak қоймасы ешқашан ауыстырылмайды.)</translation>
    </message>
    <message>
      <source>Some features were not exported</source>
      <translation>Кейбір нысандар экспортталмады</translation>
    </message>
    <message numerus="yes">
      <source>%n feature(s) could not be written.</source>
      <translation>
        <numerusform>%n нысанды жазу мүмкін болмады.</numerusform>
        <numerusform>%n нысанды жазу мүмкін болмады.</numerusform>
      </translation>
    </message>
  </context>
</TS>
