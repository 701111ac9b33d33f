<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>DomainMessages</name>
    <message>
        <source>The layer definition {source} cannot be used: {summary}</source>
        <translation>{source} қабат анықтамасын пайдалану мүмкін емес: {summary}</translation>
    </message>
    <message>
        <source>The layer definition {source} is written in {found}, which this version of Baytak does not know (it knows {known}); update the program.</source>
        <translation>{source} қабат анықтамасы {found} пішімінде жазылған, оны Baytak-тың бұл нұсқасы білмейді ({known} біледі); бағдарламаны жаңартыңыз.</translation>
    </message>
    <message>
        <source>The layer {layer} cannot be published as it is: {summary}</source>
        <translation>{layer} қабатын осы күйінде жариялау мүмкін емес: {summary}</translation>
    </message>
    <message>
        <source>The server database has a table {table} already that is not a Baytak layer; rename it, or publish the layer under another name.</source>
        <translation>Сервер дерекқорында Baytak қабаты емес {table} кестесі бар; оның атын өзгертіңіз немесе қабатты басқа атпен жариялаңыз.</translation>
    </message>
    <message>
        <source>This GeoPackage already has a table {table} that is not a Baytak layer; rename it in QGIS, then sync again.</source>
        <translation>Бұл GeoPackage-те Baytak қабаты емес {table} кестесі бар; QGIS-те оның атын өзгертіп, қайта синхрондаңыз.</translation>
    </message>
    <message>
        <source>a layer definition is a JSON object {{...}}, not {kind}</source>
        <translation>қабат анықтамасы — JSON нысаны {{...}}, ал мұнда {kind}</translation>
    </message>
    <message>
        <source>field {name} cannot become required: features recorded without it would be refused. Keep it optional</source>
        <translation>{name} өрісін міндетті ету мүмкін емес: онсыз жазылған нысандар қабылданбай қалады. Оны міндетті емес күйінде қалдырыңыз</translation>
    </message>
    <message>
        <source>field {name} cannot start refusing future dates: dates already recorded may be</source>
        <translation>{name} өрісі болашақ күндерді енді қабылдамай қоя алмайды: жазылып қойған күндер солай болуы мүмкін</translation>
    </message>
    <message>
        <source>field {name} is missing: a field cannot be removed or renamed, the values recorded in it would be lost. Keep it and mark it &quot;deprecated&quot;: true (hidden in forms, kept in the data); add a new field for a new name</source>
        <translation>{name} өрісі жоқ: өрісті жоюға немесе атын өзгертуге болмайды, оған жазылған мәндер жоғалады. Оны қалдырып, &quot;deprecated&quot;: true деп белгілеңіз (пішіндерде жасырылады, деректерде сақталады); жаңа атау үшін жаңа өріс қосыңыз</translation>
    </message>
    <message>
        <source>field {name}: a new field cannot be required, as the features already recorded have no value for it: publish it without &quot;required&quot;</source>
        <translation>{name} өрісі: жаңа өріс міндетті бола алмайды, өйткені бұрын жазылған нысандарда оның мәні жоқ: оны &quot;required&quot; белгісінсіз жариялаңыз</translation>
    </message>
    <message>
        <source>field {name}: a vocabulary cannot be added to or taken from a field that exists: add a new field and mark this one &quot;deprecated&quot;: true</source>
        <translation>{name} өрісі: бар өріске сөздік қосуға немесе одан алып тастауға болмайды: жаңа өріс қосып, мұны &quot;deprecated&quot;: true деп белгілеңіз</translation>
    </message>
    <message>
        <source>field {name}: the code {code} is missing: a code cannot be removed, features may hold it. Keep it and mark it &quot;deprecated&quot;: true</source>
        <translation>{name} өрісі: {code} коды жоқ: кодты жоюға болмайды, оны нысандар сақтап тұруы мүмкін. Оны қалдырып, &quot;deprecated&quot;: true деп белгілеңіз</translation>
    </message>
    <message>
        <source>field {name}: the type cannot change from {old} to {new}: add a new {new} field and mark this one &quot;deprecated&quot;: true</source>
        <translation>{name} өрісі: түрін {old} түрінен {new} түріне өзгертуге болмайды: {new} түрлі жаңа өріс қосып, мұны &quot;deprecated&quot;: true деп белгілеңіз</translation>
    </message>
    <message>
        <source>field {name}: the vocabulary name branch belongs to every layer; choose another</source>
        <translation>{name} өрісі: branch сөздік атауы барлық қабатқа тиесілі; басқасын таңдаңыз</translation>
    </message>
    <message>
        <source>field {name}: the vocabulary name {vocabulary} belongs to the layer {other}; choose another</source>
        <translation>{name} өрісі: {vocabulary} сөздік атауы {other} қабатына тиесілі; басқасын таңдаңыз</translation>
    </message>
    <message>
        <source>field {name}: the {limit} can only be relaxed, never tightened: values recorded under the old limit would be refused. Keep the old limit</source>
        <translation>{name} өрісі: {limit} шегін тек кеңейтуге болады, тарылтуға болмайды: ескі шек бойынша жазылған мәндер қабылданбай қалады. Ескі шекті қалдырыңыз</translation>
    </message>
    <message>
        <source>field {name}: vocabulary_name cannot change</source>
        <translation>{name} өрісі: vocabulary_name өзгермейді</translation>
    </message>
    <message>
        <source>field {name}: what it is derived from cannot change</source>
        <translation>{name} өрісі: неден есептелетіні өзгермейді</translation>
    </message>
    <message>
        <source>fields: the field {name} is defined {count} times</source>
        <translation>fields: {name} өрісі {count} рет анықталған</translation>
    </message>
    <message>
        <source>is {length} characters long; at least {limit} are needed</source>
        <translation>ұзындығы {length} таңба; кемінде {limit} таңба қажет</translation>
    </message>
    <message>
        <source>name: {name} is a name the program keeps for itself; choose another</source>
        <translation>name: {name} — бағдарлама өзіне сақтайтын атау; басқасын таңдаңыз</translation>
    </message>
    <message>
        <source>not JSON: {reason} (line {line}, column {column})</source>
        <translation>JSON емес: {reason} ({line}-жол, {column}-баған)</translation>
    </message>
    <message>
        <source>style.categorized_by: {name} is not a field of this layer with a vocabulary</source>
        <translation>style.categorized_by: {name} — бұл қабаттың сөздігі бар өрісі емес</translation>
    </message>
    <message>
        <source>style.colors: colours per code need categorized_by</source>
        <translation>style.colors: әр кодқа түс беру үшін categorized_by қажет</translation>
    </message>
    <message>
        <source>style.colors: {code} is not a code of {name}</source>
        <translation>style.colors: {code} — {name} өрісінің коды емес</translation>
    </message>
    <message>
        <source>style.label_field: there is no field {name}</source>
        <translation>style.label_field: {name} өрісі жоқ</translation>
    </message>
    <message>
        <source>the geometry type cannot change from {old} to {new}: publish a new layer for the new kind of geometry</source>
        <translation>геометрия түрін {old} түрінен {new} түріне өзгертуге болмайды: геометрияның жаңа түрі үшін жаңа қабат жариялаңыз</translation>
    </message>
    <message>
        <source>title.en: the layer {other} has the title {title} already; give this layer another</source>
        <translation>title.en: {other} қабатының атауы {title} болып тұр; бұл қабатқа басқа атау беріңіз</translation>
    </message>
    <message>
        <source>vocabulary_name {name} is given to different lists of codes</source>
        <translation>{name} vocabulary_name атауы әртүрлі код тізімдеріне берілген</translation>
    </message>
    <message>
        <source>{layer} holds lines, not points: record a track along it and save the track into the layer.</source>
        <translation>{layer} қабатында нүктелер емес, сызықтар бар: бойымен трек жазып, тректі осы қабатқа сақтаңыз.</translation>
    </message>
    <message>
        <source>{path} cannot be read: {reason}</source>
        <translation>{path} оқылмайды: {reason}</translation>
    </message>
    <message>
        <source>{path} was not found.</source>
        <translation>{path} табылмады.</translation>
    </message>
    <message>
        <source>{value!r} is not yes or no (use true/false, 1/0, иә/жоқ, да/нет)</source>
        <translation>{value!r} иә да, жоқ та емес (true/false, 1/0, иә/жоқ, да/нет деп жазыңыз)</translation>
    </message>
    <message>
        <source>{where}.name: every layer has a field {name} already; choose another name</source>
        <translation>{where}.name: әр қабатта {name} өрісі бар; басқа атау таңдаңыз</translation>
    </message>
    <message>
        <source>{where}.vocabulary: at least one code must not be deprecated</source>
        <translation>{where}.vocabulary: кемінде бір код ескірмеген болуы керек</translation>
    </message>
    <message>
        <source>{where}.vocabulary: the code {code} is listed {count} times</source>
        <translation>{where}.vocabulary: {code} коды {count} рет берілген</translation>
    </message>
    <message>
        <source>{where}: a derived field is an optional real field without a vocabulary</source>
        <translation>{where}: есептелетін өріс — сөздігі жоқ, міндетті емес нақты сан өрісі</translation>
    </message>
    <message>
        <source>{where}: a vocabulary is for text fields (the codes are text)</source>
        <translation>{where}: сөздік мәтіндік өрістерге арналған (кодтар — мәтін)</translation>
    </message>
    <message>
        <source>{where}: is missing</source>
        <translation>{where}: жоқ</translation>
    </message>
    <message>
        <source>{where}: is not a key of a layer definition (a typo?)</source>
        <translation>{where}: қабат анықтамасында мұндай кілт жоқ (қате жазылған ба?)</translation>
    </message>
    <message>
        <source>{where}: is too long (at most {limit})</source>
        <translation>{where}: тым ұзын (ең көбі {limit})</translation>
    </message>
    <message>
        <source>{where}: min_length and max_length are for text fields</source>
        <translation>{where}: min_length мен max_length мәтіндік өрістерге арналған</translation>
    </message>
    <message>
        <source>{where}: min_length is above max_length</source>
        <translation>{where}: min_length мәні max_length мәнінен үлкен</translation>
    </message>
    <message>
        <source>{where}: minimum and maximum are for integer and real fields</source>
        <translation>{where}: minimum мен maximum бүтін және нақты сан өрістеріне арналған</translation>
    </message>
    <message>
        <source>{where}: must be a list [...], not {value}</source>
        <translation>{where}: тізім [...] болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must be a number, not {value}</source>
        <translation>{where}: сан болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must be a whole number, not {value}</source>
        <translation>{where}: бүтін сан болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must be an object {{...}}, not {value}</source>
        <translation>{where}: нысан {{...}} болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must be text in quotes, not {value}</source>
        <translation>{where}: тырнақшадағы мәтін болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must be true or false, not {value}</source>
        <translation>{where}: true немесе false болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must not be empty</source>
        <translation>{where}: бос болмауы керек</translation>
    </message>
    <message>
        <source>{where}: not_future is for date and datetime fields</source>
        <translation>{where}: not_future күн және күн-уақыт өрістеріне арналған</translation>
    </message>
    <message>
        <source>{where}: the minimum {minimum:g} is above the maximum {maximum:g}</source>
        <translation>{where}: {minimum:g} ең кіші мәні {maximum:g} ең үлкен мәнінен жоғары</translation>
    </message>
    <message>
        <source>{where}: vocabulary_name needs a vocabulary</source>
        <translation>{where}: vocabulary_name үшін сөздік қажет</translation>
    </message>
    <message>
        <source>{where}: {detail}</source>
        <translation>{where}: {detail}</translation>
    </message>
    <message>
        <source>{where}: {measure} cannot be measured on a {geometry} layer</source>
        <translation>{where}: {geometry} қабатында {measure} өлшенбейді</translation>
    </message>
    <message>
        <source>{where}: {value} is not a colour like #d55e00</source>
        <translation>{where}: {value} — #d55e00 сияқты түс емес</translation>
    </message>
    <message>
        <source>{where}: {value} is not a valid code: Latin letters, digits, _ . and -</source>
        <translation>{where}: {value} — жарамды код емес: латын әріптері, цифрлар, _ . және -</translation>
    </message>
    <message>
        <source>{where}: {value} is not a valid name: lower-case Latin letters, digits and _, starting with a letter</source>
        <translation>{where}: {value} — жарамды атау емес: кіші латын әріптері, цифрлар және _, әріптен басталады</translation>
    </message>
    <message>
        <source>{where}: {value} is not one of: {expected}</source>
        <translation>{where}: {value} мына мәндердің бірі емес: {expected}</translation>
    </message>
    <message>
        <source>{where}: {value} is out of range ({detail})</source>
        <translation>{where}: {value} рұқсат етілген аралықтан тыс ({detail})</translation>
    </message>
</context>
</TS>
