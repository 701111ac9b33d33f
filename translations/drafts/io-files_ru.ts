<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>DomainMessages</name>
    <message>
      <source>"{value}" has curves (arcs), which baytak cannot store: convert them to straight segments</source>
      <translation>"{value}" содержит кривые (дуги), которые baytak не может хранить: преобразуйте их в прямые отрезки</translation>
    </message>
    <message>
      <source>"{value}" is a kind of geometry baytak cannot store (a point, line or polygon is needed)</source>
      <translation>"{value}" — вид геометрии, который baytak не может хранить (нужна точка, линия или полигон)</translation>
    </message>
    <message>
      <source>"{value}" is not a WKT geometry (like POINT (77.07 43.87) or POLYGON ((...)))</source>
      <translation>"{value}" — не геометрия WKT (например, POINT (77.07 43.87) или POLYGON ((...)))</translation>
    </message>
    <message>
      <source>The X and Y columns of {file} can be read either way (X as longitude, as GIS programs write, or X as latitude, as Russian survey tables do): say which column is the latitude</source>
      <translation>Столбцы X и Y в {file} можно прочитать обоими способами (X — долгота, как пишут ГИС-программы, или X — широта, как в геодезических таблицах): укажите, какой столбец — широта</translation>
    </message>
    <message>
      <source>The X and Y columns of {file} only make sense with X as the latitude (northing), as Russian survey tables write them: import them swapped</source>
      <translation>Столбцы X и Y в {file} имеют смысл, только если X — широта (северная координата), как в геодезических таблицах: импортируйте их, поменяв местами</translation>
    </message>
    <message>
      <source>The layer {layer} has no field {field} that an import can fill. Fields: {fields}.</source>
      <translation>В слое {layer} нет поля {field}, которое может заполнить импорт. Поля: {fields}.</translation>
    </message>
    <message>
      <source>The shapefile {file} has no {part} file (its index): add it, or re-export the shapefile</source>
      <translation>У shapefile {file} нет файла {part} (его индекса): добавьте его или экспортируйте shapefile заново</translation>
    </message>
    <message>
      <source>The shapefile {file} has no {part} file, so its attributes are missing: add it</source>
      <translation>У shapefile {file} нет файла {part}, поэтому нет его атрибутов: добавьте его</translation>
    </message>
    <message>
      <source>The text of {file} is not in an encoding baytak can recognise for sure ({found}): choose its encoding</source>
      <translation>Кодировку текста {file} baytak не может определить наверняка ({found}): выберите его кодировку</translation>
    </message>
    <message>
      <source>The value {value!r} given for the field {field} cannot be used: {reason}</source>
      <translation>Значение {value!r}, заданное для поля {field}, нельзя использовать: {reason}</translation>
    </message>
    <message>
      <source>a polygon ring has {points} points; it needs at least 4 (three corners and the first point repeated at the end)</source>
      <translation>в кольце полигона {points} точек; нужно не меньше 4 (три угла и первая точка, повторённая в конце)</translation>
    </message>
    <message>
      <source>the coordinates fall outside longitude -180..180 / latitude -90..90 (x {minx}..{maxx}, y {miny}..{maxy})</source>
      <translation>координаты вне пределов долготы -180..180 / широты -90..90 (x {minx}..{maxx}, y {miny}..{maxy})</translation>
    </message>
    <message>
      <source>the feature {uuid} was not exported: its geometry cannot be read ({reason})</source>
      <translation>Объект {uuid} не экспортирован: его геометрию невозможно прочитать ({reason})</translation>
    </message>
    <message>
      <source>the geometry cannot be read: {reason}</source>
      <translation>геометрию невозможно прочитать: {reason}</translation>
    </message>
    <message>
      <source>the polygon ring is not closed: its last point must repeat its first. Close the ring in the source file and import it again</source>
      <translation>кольцо полигона не замкнуто: последняя точка должна повторять первую. Замкните кольцо в исходном файле и импортируйте снова</translation>
    </message>
    <message>
      <source>the text had a NUL character (an invisible control code); it was removed and the rest kept</source>
      <translation>в тексте был символ NUL (невидимый управляющий код); он удалён, остальное сохранено</translation>
    </message>
    <message>
      <source>the uuid {uuid} is also on row {other}: a feature can be in the file once</source>
      <translation>uuid {uuid} есть и в строке {other}: объект может быть в файле только один раз</translation>
    </message>
    <message>
      <source>the value {value!r} of {field} of the feature {uuid} is not a {kind} and was left empty</source>
      <translation>значение {value!r} поля {field} объекта {uuid} не является {kind} и оставлено пустым</translation>
    </message>
    <message>
      <source>{encoding} is not a text encoding baytak knows. Use one of: {known}</source>
      <translation>{encoding} — неизвестная baytak кодировка текста. Используйте одну из: {known}</translation>
    </message>
    <message>
      <source>{file} already exists: choose another name, or replace it</source>
      <translation>{file} уже существует: выберите другое имя или замените его</translation>
    </message>
    <message>
      <source>{file} already has a layer {layer}: choose another file, or replace that layer</source>
      <translation>В {file} уже есть слой {layer}: выберите другой файл или замените этот слой</translation>
    </message>
    <message>
      <source>{file} does not say it is GPX 1.0 or 1.1; it was read as GPX 1.1</source>
      <translation>{file} не указывает, что это GPX 1.0 или 1.1; он прочитан как GPX 1.1</translation>
    </message>
    <message>
      <source>{file} has no column for the required field(s) {fields} of {layer}. Match one of its columns to each, or give a value for all rows. Its columns: {columns}</source>
      <translation>В {file} нет столбца для обязательных полей {fields} слоя {layer}. Сопоставьте каждому один из его столбцов или задайте значение для всех строк. Его столбцы: {columns}</translation>
    </message>
    <message>
      <source>{file} has no features to import.</source>
      <translation>В {file} нет объектов для импорта.</translation>
    </message>
    <message>
      <source>{file} has no {kind} features for layer {layer}: all {count} are of another geometry type.</source>
      <translation>В {file} нет объектов типа {kind} для слоя {layer}: все {count} — другого типа геометрии.</translation>
    </message>
    <message>
      <source>{file} is a Baytak store: an export never writes into a store (it would replace its data). Choose another file</source>
      <translation>{file} — хранилище Baytak: экспорт никогда не пишет в хранилище (это заменило бы его данные). Выберите другой файл</translation>
    </message>
    <message>
      <source>{file} is not {encoding} text (byte {position} cannot be read): choose another encoding</source>
      <translation>{file} — не текст в {encoding} (байт {position} не читается): выберите другую кодировку</translation>
    </message>
    <message>
      <source>{file} is {kind}, whose text is always UTF-8: no encoding needs choosing</source>
      <translation>{file} — {kind}, его текст всегда в UTF-8: выбирать кодировку не нужно</translation>
    </message>
    <message>
      <source>{file}: a column holds values of different kinds (numbers and text); they are read as text</source>
      <translation>{file}: в столбце значения разных видов (числа и текст); они прочитаны как текст</translation>
    </message>
    <message>
      <source>{file}: measures (M values) of the geometries were dropped</source>
      <translation>{file}: меры (значения M) геометрий отброшены</translation>
    </message>
    <message>
      <source>{file}: measures (M values) of {count} features were dropped</source>
      <translation>{file}: меры (значения M) {count} объектов отброшены</translation>
    </message>
    <message>
      <source>{file}: none of its {rows} rows is valid; nothing was imported.</source>
      <translation>{file}: ни одна из его {rows} строк не верна; ничего не импортировано.</translation>
    </message>
    <message>
      <source>{file}: some characters could not be converted; check the encoding of the text</source>
      <translation>{file}: некоторые символы не удалось преобразовать; проверьте кодировку текста</translation>
    </message>
    <message>
      <source>{file}: some geometries do not follow the format's rules</source>
      <translation>{file}: некоторые геометрии не соответствуют правилам формата</translation>
    </message>
    <message>
      <source>{file}: the heights (Z values) of {count} features were dropped: the layers store positions only</source>
      <translation>{file}: высоты (значения Z) {count} объектов отброшены: слои хранят только положение</translation>
    </message>
    <message>
      <source>{file}: {bad} of {rows} rows are invalid, nothing was imported</source>
      <translation>{file}: {bad} из {rows} строк неверны, ничего не импортировано</translation>
    </message>
    <message>
      <source>{file}: {count} values are longer than a Shapefile can hold ({limit} bytes, about 127 Cyrillic letters): {where}. Export to GeoPackage, GeoJSON or CSV instead, or shorten them</source>
      <translation>{file}: {count} значений длиннее, чем вмещает Shapefile ({limit} байт, около 127 кириллических букв): {where}. Экспортируйте вместо этого в GeoPackage, GeoJSON или CSV или сократите их</translation>
    </message>
    <message>
      <source>{file}: {detail}</source>
      <translation>{file}: {detail}</translation>
    </message>
    <message>
      <source>{option} takes {shape}, not {text!r}.</source>
      <translation>{option} принимает {shape}, а не {text!r}.</translation>
    </message>
    <message>
      <source>{path} is a GeoPackage but not a Baytak store; it was left as it is. Create a store, then import this file's layers into it</source>
      <translation>{path} — GeoPackage, но не хранилище Baytak; он оставлен как есть. Создайте хранилище, затем импортируйте в него слои этого файла</translation>
    </message>
    <message>
      <source>{value!r} is not a uuid; the feature gets a new one</source>
      <translation>{value!r} — не uuid; объект получит новый</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <source>Text encoding:</source>
      <translation>Кодировка текста:</translation>
    </message>
    <message>
      <source>Fields (the column of the file for each field, or one value for every row):</source>
      <translation>Поля (столбец файла для каждого поля или одно значение для всех строк):</translation>
    </message>
    <message>
      <source>Automatic (told from the file)</source>
      <translation>Автоматически (по файлу)</translation>
    </message>
    <message>
      <source>CP1251 (Windows, Cyrillic)</source>
      <translation>CP1251 (Windows, кириллица)</translation>
    </message>
    <message>
      <source>KZ-1048 (Windows, Kazakh)</source>
      <translation>KZ-1048 (Windows, казахская)</translation>
    </message>
    <message>
      <source>CP866 (DOS, Cyrillic)</source>
      <translation>CP866 (DOS, кириллица)</translation>
    </message>
    <message>
      <source>CP1252 (Windows, Western European)</source>
      <translation>CP1252 (Windows, западноевропейская)</translation>
    </message>
    <message>
      <source>The code page the file's text was written in. Choose another when names look garbled.</source>
      <translation>Кодовая страница, в которой записан текст файла. Выберите другую, если названия выглядят искажёнными.</translation>
    </message>
    <message>
      <source>Value for rows without one</source>
      <translation>Значение для строк без него</translation>
    </message>
    <message>
      <source>Files baytak can import (*.geojson *.json *.gpkg *.shp *.zip *.dbf *.kml *.kmz *.gpx *.csv *.txt)</source>
      <translation>Файлы, которые baytak может импортировать (*.geojson *.json *.gpkg *.shp *.zip *.dbf *.kml *.kmz *.gpx *.csv *.txt)</translation>
    </message>
    <message>
      <source>Not imported (no field takes them): {columns}</source>
      <translation>Не импортируются (ни одно поле их не принимает): {columns}</translation>
    </message>
    <message>
      <source>Needs a column or a value: {fields}</source>
      <translation>Нужен столбец или значение: {fields}</translation>
    </message>
    <message>
      <source>as chosen</source>
      <translation>как выбрано</translation>
    </message>
    <message>
      <source>as the file declares</source>
      <translation>как указано в файле</translation>
    </message>
    <message>
      <source>as the .dbf file says</source>
      <translation>как указано в файле .dbf</translation>
    </message>
    <message>
      <source>told from the text; choose another above if names look garbled</source>
      <translation>определена по тексту; если названия выглядят искажёнными, выберите другую выше</translation>
    </message>
    <message>
      <source>Text read as {encoding} ({how}).</source>
      <translation>Текст прочитан как {encoding} ({how}).</translation>
    </message>
  </context>
  <context>
    <name>WindowJobs</name>
    <message numerus="yes">
      <source>%n feature(s) already there were updated.</source>
      <translation>
        <numerusform>Обновлён %n уже существовавший объект.</numerusform>
        <numerusform>Обновлено %n уже существовавших объекта.</numerusform>
        <numerusform>Обновлено %n уже существовавших объектов.</numerusform>
      </translation>
    </message>
    <message>
      <source>Imported, with notes</source>
      <translation>Импортировано, есть замечания</translation>
    </message>
    <message numerus="yes">
      <source>%n row(s) were already in the store as they are in the file.</source>
      <translation>
        <numerusform>%n строка уже была в хранилище такой же, как в файле.</numerusform>
        <numerusform>%n строки уже были в хранилище такими же, как в файле.</numerusform>
        <numerusform>%n строк уже были в хранилище такими же, как в файле.</numerusform>
      </translation>
    </message>
    <message>
      <source>Text read as {encoding}.</source>
      <translation>Текст прочитан как {encoding}.</translation>
    </message>
    <message>
      <source>Not imported (no field takes them): {columns}</source>
      <translation>Не импортированы (ни одно поле их не принимает): {columns}</translation>
    </message>
    <message>
      <source>Replace the file?</source>
      <translation>Заменить файл?</translation>
    </message>
    <message>
      <source>{file} already exists. Replace it? (In a GeoPackage only the layer {layer} is replaced; a Baytak store is never replaced.)</source>
      <translation>{file} уже существует. Заменить его? (В GeoPackage заменяется только слой {layer}; хранилище Baytak не заменяется никогда.)</translation>
    </message>
    <message>
      <source>Some features were not exported</source>
      <translation>Некоторые объекты не экспортированы</translation>
    </message>
    <message numerus="yes">
      <source>%n feature(s) could not be written.</source>
      <translation>
        <numerusform>%n объект не удалось записать.</numerusform>
        <numerusform>%n объекта не удалось записать.</numerusform>
        <numerusform>%n объектов не удалось записать.</numerusform>
      </translation>
    </message>
  </context>
</TS>
