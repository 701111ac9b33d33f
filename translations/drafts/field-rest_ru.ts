<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>DomainMessages</name>
    <message>
        <source>Adding demo {layer}…</source>
        <translation>Добавление демо-данных: {layer}…</translation>
    </message>
    <message>
        <source>Basemap ready</source>
        <translation>Подложка готова</translation>
    </message>
    <message>
        <source>Building overviews for fast zooming out…</source>
        <translation>Построение обзорных уровней для быстрого отдаления…</translation>
    </message>
    <message>
        <source>Building the spatial indexes…</source>
        <translation>Построение пространственных индексов…</translation>
    </message>
    <message>
        <source>Changes to send: {count}</source>
        <translation>Изменений к отправке: {count}</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Проверка каждой строки…</translation>
    </message>
    <message>
        <source>Checking the photos and writing the dossier…</source>
        <translation>Проверка фотографий и запись досье…</translation>
    </message>
    <message>
        <source>Computing the SHA-256 of the file…</source>
        <translation>Вычисление SHA-256 файла…</translation>
    </message>
    <message>
        <source>Conflict {id} resolved</source>
        <translation>Конфликт {id} решён</translation>
    </message>
    <message>
        <source>Demo data ready</source>
        <translation>Демо-данные готовы</translation>
    </message>
    <message>
        <source>Distances measured</source>
        <translation>Расстояния измерены</translation>
    </message>
    <message>
        <source>Drawing the map, its legend and scale bar…</source>
        <translation>Отрисовка карты, легенды и масштабной линейки…</translation>
    </message>
    <message>
        <source>Drawing the web map…</source>
        <translation>Построение веб-карты…</translation>
    </message>
    <message>
        <source>File written</source>
        <translation>Файл записан</translation>
    </message>
    <message>
        <source>Image added</source>
        <translation>Снимок добавлен</translation>
    </message>
    <message>
        <source>Measuring distances…</source>
        <translation>Измерение расстояний…</translation>
    </message>
    <message>
        <source>Overviews built</source>
        <translation>Обзорные уровни построены</translation>
    </message>
    <message>
        <source>Preparing your edits…</source>
        <translation>Подготовка правок…</translation>
    </message>
    <message>
        <source>Reading places: {count} objects</source>
        <translation>Чтение населённых пунктов (объектов: {count})…</translation>
    </message>
    <message>
        <source>Reading roads, railways and rivers: {count} objects</source>
        <translation>Чтение дорог, железных дорог и рек (объектов: {count})…</translation>
    </message>
    <message>
        <source>Reading the Natural Earth shorelines…</source>
        <translation>Чтение береговых линий Natural Earth…</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Чтение файла…</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Чтение истории…</translation>
    </message>
    <message>
        <source>Reading the layer…</source>
        <translation>Чтение слоя…</translation>
    </message>
    <message>
        <source>Reading water, land cover and buildings: {count} objects</source>
        <translation>Чтение водных объектов, земельного покрова и зданий (объектов: {count})…</translation>
    </message>
    <message>
        <source>Reading {layer}…</source>
        <translation>Чтение слоя «{layer}»…</translation>
    </message>
    <message>
        <source>Receiving changes (revision {rev})…</source>
        <translation>Получение изменений (версия {rev})…</translation>
    </message>
    <message>
        <source>Resolving conflict {id}…</source>
        <translation>Решение конфликта {id}…</translation>
    </message>
    <message>
        <source>Saving features: {done} of {count}</source>
        <translation>Сохранение объектов: {done} из {count}</translation>
    </message>
    <message>
        <source>Sending changes: {count}…</source>
        <translation>Отправка изменений: {count}…</translation>
    </message>
    <message>
        <source>Sending photo {index} of {count}…</source>
        <translation>Отправка фото {index} из {count}…</translation>
    </message>
    <message>
        <source>Sent; reading the server's answer…</source>
        <translation>Отправлено; читается ответ сервера…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>Выход…</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>Синхронизация завершена</translation>
    </message>
    <message>
        <source>The image already has overviews</source>
        <translation>У снимка уже есть обзорные уровни</translation>
    </message>
    <message>
        <source>The photo distance limit must be a number of kilometres, 0 or more, not {value}.</source>
        <translation>Предел расстояния для фото должен быть числом километров, 0 или больше, а не {value}.</translation>
    </message>
    <message>
        <source>The photo time limit must be a whole number of days, 0 or more, not {value}.</source>
        <translation>Предел времени для фото должен быть целым числом дней, 0 или больше, а не {value}.</translation>
    </message>
    <message>
        <source>The server's answer is saved</source>
        <translation>Ответ сервера сохранён</translation>
    </message>
    <message>
        <source>Tracking the edits made by another program…</source>
        <translation>Учёт правок, сделанных другой программой…</translation>
    </message>
    <message>
        <source>Web map written</source>
        <translation>Веб-карта записана</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>Запись файла…</translation>
    </message>
    <message>
        <source>Writing the web map…</source>
        <translation>Запись веб-карты…</translation>
    </message>
</context>
</TS>
