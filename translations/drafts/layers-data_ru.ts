<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>DomainMessages</name>
    <message>
        <source>The layer definition {source} cannot be used: {summary}</source>
        <translation>Описание слоя {source} нельзя использовать: {summary}</translation>
    </message>
    <message>
        <source>The layer definition {source} is written in {found}, which this version of Baytak does not know (it knows {known}); update the program.</source>
        <translation>Описание слоя {source} записано в формате {found}, которого эта версия Baytak не знает (она знает {known}); обновите программу.</translation>
    </message>
    <message>
        <source>The layer {layer} cannot be published as it is: {summary}</source>
        <translation>Слой {layer} нельзя опубликовать в таком виде: {summary}</translation>
    </message>
    <message>
        <source>The server database has a table {table} already that is not a Baytak layer; rename it, or publish the layer under another name.</source>
        <translation>В базе данных сервера уже есть таблица {table}, которая не является слоем Baytak; переименуйте её или опубликуйте слой под другим именем.</translation>
    </message>
    <message>
        <source>This GeoPackage already has a table {table} that is not a Baytak layer; rename it in QGIS, then sync again.</source>
        <translation>В этом GeoPackage уже есть таблица {table}, которая не является слоем Baytak; переименуйте её в QGIS и синхронизируйте снова.</translation>
    </message>
    <message>
        <source>a layer definition is a JSON object {{...}}, not {kind}</source>
        <translation>описание слоя — это объект JSON {{...}}, а не {kind}</translation>
    </message>
    <message>
        <source>field {name} cannot become required: features recorded without it would be refused. Keep it optional</source>
        <translation>поле {name} нельзя сделать обязательным: объекты, записанные без него, будут отклонены. Оставьте его необязательным</translation>
    </message>
    <message>
        <source>field {name} cannot start refusing future dates: dates already recorded may be</source>
        <translation>поле {name} не может начать отклонять будущие даты: такие даты уже могут быть записаны</translation>
    </message>
    <message>
        <source>field {name} is missing: a field cannot be removed or renamed, the values recorded in it would be lost. Keep it and mark it &quot;deprecated&quot;: true (hidden in forms, kept in the data); add a new field for a new name</source>
        <translation>поле {name} отсутствует: поле нельзя удалить или переименовать, записанные в нём значения будут потеряны. Оставьте его и пометьте &quot;deprecated&quot;: true (скрыто в формах, сохраняется в данных); для нового имени добавьте новое поле</translation>
    </message>
    <message>
        <source>field {name}: a new field cannot be required, as the features already recorded have no value for it: publish it without &quot;required&quot;</source>
        <translation>поле {name}: новое поле не может быть обязательным, у уже записанных объектов нет его значения: опубликуйте его без &quot;required&quot;</translation>
    </message>
    <message>
        <source>field {name}: a vocabulary cannot be added to or taken from a field that exists: add a new field and mark this one &quot;deprecated&quot;: true</source>
        <translation>поле {name}: к существующему полю нельзя добавить справочник или убрать его: добавьте новое поле, а это пометьте &quot;deprecated&quot;: true</translation>
    </message>
    <message>
        <source>field {name}: the code {code} is missing: a code cannot be removed, features may hold it. Keep it and mark it &quot;deprecated&quot;: true</source>
        <translation>поле {name}: код {code} отсутствует: код нельзя удалить, он может быть у объектов. Оставьте его и пометьте &quot;deprecated&quot;: true</translation>
    </message>
    <message>
        <source>field {name}: the type cannot change from {old} to {new}: add a new {new} field and mark this one &quot;deprecated&quot;: true</source>
        <translation>поле {name}: тип нельзя сменить с {old} на {new}: добавьте новое поле типа {new}, а это пометьте &quot;deprecated&quot;: true</translation>
    </message>
    <message>
        <source>field {name}: the vocabulary name branch belongs to every layer; choose another</source>
        <translation>поле {name}: имя справочника branch принадлежит всем слоям; выберите другое</translation>
    </message>
    <message>
        <source>field {name}: the vocabulary name {vocabulary} belongs to the layer {other}; choose another</source>
        <translation>поле {name}: имя справочника {vocabulary} принадлежит слою {other}; выберите другое</translation>
    </message>
    <message>
        <source>field {name}: the {limit} can only be relaxed, never tightened: values recorded under the old limit would be refused. Keep the old limit</source>
        <translation>поле {name}: ограничение {limit} можно только ослабить, но не ужесточить: значения, записанные по старому ограничению, будут отклонены. Оставьте прежнее ограничение</translation>
    </message>
    <message>
        <source>field {name}: vocabulary_name cannot change</source>
        <translation>поле {name}: vocabulary_name нельзя изменить</translation>
    </message>
    <message>
        <source>field {name}: what it is derived from cannot change</source>
        <translation>поле {name}: то, из чего оно вычисляется, нельзя изменить</translation>
    </message>
    <message>
        <source>fields: the field {name} is defined {count} times</source>
        <translation>fields: поле {name} определено {count} раз(а)</translation>
    </message>
    <message>
        <source>is {length} characters long; at least {limit} are needed</source>
        <translation>длина {length} символов; нужно не меньше {limit}</translation>
    </message>
    <message>
        <source>name: {name} is a name the program keeps for itself; choose another</source>
        <translation>name: {name} — имя, которое программа оставляет за собой; выберите другое</translation>
    </message>
    <message>
        <source>not JSON: {reason} (line {line}, column {column})</source>
        <translation>не JSON: {reason} (строка {line}, столбец {column})</translation>
    </message>
    <message>
        <source>style.categorized_by: {name} is not a field of this layer with a vocabulary</source>
        <translation>style.categorized_by: {name} — не поле этого слоя со справочником</translation>
    </message>
    <message>
        <source>style.colors: colours per code need categorized_by</source>
        <translation>style.colors: для цветов по кодам нужен categorized_by</translation>
    </message>
    <message>
        <source>style.colors: {code} is not a code of {name}</source>
        <translation>style.colors: {code} — не код поля {name}</translation>
    </message>
    <message>
        <source>style.label_field: there is no field {name}</source>
        <translation>style.label_field: поля {name} нет</translation>
    </message>
    <message>
        <source>the geometry type cannot change from {old} to {new}: publish a new layer for the new kind of geometry</source>
        <translation>тип геометрии нельзя сменить с {old} на {new}: для нового вида геометрии опубликуйте новый слой</translation>
    </message>
    <message>
        <source>title.en: the layer {other} has the title {title} already; give this layer another</source>
        <translation>title.en: у слоя {other} уже есть название {title}; дайте этому слою другое</translation>
    </message>
    <message>
        <source>vocabulary_name {name} is given to different lists of codes</source>
        <translation>vocabulary_name {name} дано разным спискам кодов</translation>
    </message>
    <message>
        <source>{layer} holds lines, not points: record a track along it and save the track into the layer.</source>
        <translation>В слое {layer} линии, а не точки: запишите трек вдоль объекта и сохраните трек в этот слой.</translation>
    </message>
    <message>
        <source>{path} cannot be read: {reason}</source>
        <translation>{path} не читается: {reason}</translation>
    </message>
    <message>
        <source>{path} was not found.</source>
        <translation>{path} не найден.</translation>
    </message>
    <message>
        <source>{value!r} is not yes or no (use true/false, 1/0, иә/жоқ, да/нет)</source>
        <translation>{value!r} — не «да» и не «нет» (пишите true/false, 1/0, иә/жоқ, да/нет)</translation>
    </message>
    <message>
        <source>{where}.name: every layer has a field {name} already; choose another name</source>
        <translation>{where}.name: поле {name} уже есть в каждом слое; выберите другое имя</translation>
    </message>
    <message>
        <source>{where}.vocabulary: at least one code must not be deprecated</source>
        <translation>{where}.vocabulary: хотя бы один код должен быть не устаревшим</translation>
    </message>
    <message>
        <source>{where}.vocabulary: the code {code} is listed {count} times</source>
        <translation>{where}.vocabulary: код {code} указан {count} раз(а)</translation>
    </message>
    <message>
        <source>{where}: a derived field is an optional real field without a vocabulary</source>
        <translation>{where}: вычисляемое поле — необязательное вещественное поле без справочника</translation>
    </message>
    <message>
        <source>{where}: a vocabulary is for text fields (the codes are text)</source>
        <translation>{where}: справочник — для текстовых полей (коды — это текст)</translation>
    </message>
    <message>
        <source>{where}: is missing</source>
        <translation>{where}: отсутствует</translation>
    </message>
    <message>
        <source>{where}: is not a key of a layer definition (a typo?)</source>
        <translation>{where}: в описании слоя нет такого ключа (опечатка?)</translation>
    </message>
    <message>
        <source>{where}: is too long (at most {limit})</source>
        <translation>{where}: слишком длинно (не больше {limit})</translation>
    </message>
    <message>
        <source>{where}: min_length and max_length are for text fields</source>
        <translation>{where}: min_length и max_length — для текстовых полей</translation>
    </message>
    <message>
        <source>{where}: min_length is above max_length</source>
        <translation>{where}: min_length больше max_length</translation>
    </message>
    <message>
        <source>{where}: minimum and maximum are for integer and real fields</source>
        <translation>{where}: minimum и maximum — для целых и вещественных полей</translation>
    </message>
    <message>
        <source>{where}: must be a list [...], not {value}</source>
        <translation>{where}: должно быть списком [...], а не {value}</translation>
    </message>
    <message>
        <source>{where}: must be a number, not {value}</source>
        <translation>{where}: должно быть числом, а не {value}</translation>
    </message>
    <message>
        <source>{where}: must be a whole number, not {value}</source>
        <translation>{where}: должно быть целым числом, а не {value}</translation>
    </message>
    <message>
        <source>{where}: must be an object {{...}}, not {value}</source>
        <translation>{where}: должно быть объектом {{...}}, а не {value}</translation>
    </message>
    <message>
        <source>{where}: must be text in quotes, not {value}</source>
        <translation>{where}: должно быть текстом в кавычках, а не {value}</translation>
    </message>
    <message>
        <source>{where}: must be true or false, not {value}</source>
        <translation>{where}: должно быть true или false, а не {value}</translation>
    </message>
    <message>
        <source>{where}: must not be empty</source>
        <translation>{where}: не должно быть пустым</translation>
    </message>
    <message>
        <source>{where}: not_future is for date and datetime fields</source>
        <translation>{where}: not_future — для полей даты и даты-времени</translation>
    </message>
    <message>
        <source>{where}: the minimum {minimum:g} is above the maximum {maximum:g}</source>
        <translation>{where}: минимум {minimum:g} больше максимума {maximum:g}</translation>
    </message>
    <message>
        <source>{where}: vocabulary_name needs a vocabulary</source>
        <translation>{where}: для vocabulary_name нужен справочник</translation>
    </message>
    <message>
        <source>{where}: {detail}</source>
        <translation>{where}: {detail}</translation>
    </message>
    <message>
        <source>{where}: {measure} cannot be measured on a {geometry} layer</source>
        <translation>{where}: {measure} нельзя измерить на слое {geometry}</translation>
    </message>
    <message>
        <source>{where}: {value} is not a colour like #d55e00</source>
        <translation>{where}: {value} — не цвет вида #d55e00</translation>
    </message>
    <message>
        <source>{where}: {value} is not a valid code: Latin letters, digits, _ . and -</source>
        <translation>{where}: {value} — недопустимый код: латинские буквы, цифры, _ . и -</translation>
    </message>
    <message>
        <source>{where}: {value} is not a valid name: lower-case Latin letters, digits and _, starting with a letter</source>
        <translation>{where}: {value} — недопустимое имя: строчные латинские буквы, цифры и _, начиная с буквы</translation>
    </message>
    <message>
        <source>{where}: {value} is not one of: {expected}</source>
        <translation>{where}: {value} — не одно из: {expected}</translation>
    </message>
    <message>
        <source>{where}: {value} is out of range ({detail})</source>
        <translation>{where}: {value} вне допустимого диапазона ({detail})</translation>
    </message>
</context>
</TS>
