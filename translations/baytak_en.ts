<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Baytak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {app} · Qt {qt} · PySide6 {pyside} · GDAL {gdal}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An offline-first desktop GIS for the Baytak green party of Kazakhstan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free vector and raster map data @ naturalearthdata.com (public domain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo sites are illustrative: their positions and figures are approximate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence: GNU General Public License, version 3 or later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>This file cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Any field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a value of this field: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n feature(s)</source>
        <translation>
            <numerusform>%1 of %n feature</numerusform>
            <numerusform>%1 of %n features</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n feature</numerusform>
            <numerusform>%n features</numerusform>
        </translation>
    </message>
    <message>
        <source>The table could not be read: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search names, notes, statuses…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by the value of a field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoryTable</name>
    <message>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Choose a colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to choose a colour</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoordinateDialog</name>
    <message>
        <source>{file} has no waypoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waypoints from a GPX file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPX files (*.gpx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a position: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latitude {lat_dms} ({lat}), longitude {lon_dms} ({lon})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a point by its coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or paste a position: latitude and longitude, in decimal degrees (43.8712, 77.0702) or degrees, minutes, seconds (43°52&apos;16&quot;N 77°04&apos;13&quot;E).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latitude, longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From a GPX file…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>Clear the date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditCommand</name>
    <message>
        <source>Edit {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add feature to {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit attributes in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit geometry in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit feature in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete feature from {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach photo in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove photo in {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add feature from photo to {layer}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditSession</name>
    <message>
        <source>Nothing edited yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to save; the extension chooses the format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shapefile (*.shp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zipped shapefile (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KML (*.kml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV with coordinates (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeatureDetails</name>
    <message>
        <source>Click a feature on the map or a row in the table to see it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This feature no longer exists (deleted or moved to another store).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store of this feature is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computed from the geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifier (uuid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position (lat, lon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No local changes waiting to be synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added here; not yet synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed here, not yet synced: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Attachments (%n)</source>
        <translation>
            <numerusform>Attachments (%n)</numerusform>
            <numerusform>Attachments (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>(no file name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken (camera time): {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera: {camera}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo position: {lat:.6f}, {lon:.6f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least {minimum}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {maximum}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This date is in the future; an observation cannot be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates start in {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long: {length} characters, at most {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A polygon needs at least 3 corners; this one has {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outline crosses itself: fix it automatically, or keep editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The position is outside the world: longitude must be -180…180 and latitude -90…90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The site lies outside Kazakhstan and its neighbours: are latitude and longitude swapped?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place the feature on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computed from the geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area, ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiving water</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flow, m³/day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Affected settlements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sampled on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Water body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area, km²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Species</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planted on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Survival, %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteers needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waste collected, kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer in the file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import into:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields (column of the file for each field):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the valid rows and skip the invalid ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the only or every layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files baytak can import (*.geojson *.json *.gpkg *.shp *.zip *.kml *.kmz *.gpx *.csv *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be imported: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) in the file.</source>
        <translation>
            <numerusform>%n feature in the file.</numerusform>
            <numerusform>%n features in the file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have no usable geometry.</source>
        <translation>
            <numerusform>%n row has no usable geometry.</numerusform>
            <numerusform>%n rows have no usable geometry.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Zoom to layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open attribute table</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n feature</numerusform>
            <numerusform>%n features</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick to show a layer; drag to change which is drawn on top; right-click for style, labels and the attribute table</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Layers</name>
    <message>
        <source>Quarries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brick factories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sewage outflows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shorelines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree plantings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleanup plans</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Baytak — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Measure</name>
    <message>
        <source>{value} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} km²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area {area}, perimeter {perimeter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance {length}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasureResult</name>
    <message>
        <source>Click on the map to measure</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpacityControl</name>
    <message>
        <source>{value} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How opaque the current layer is drawn</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Attach photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos yet: add them here or drop them onto this form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the feature to attach photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256: {sha}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken: unknown (no EXIF time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position: {lat}, {lon}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop photos here to attach them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScaleBar</name>
    <message>
        <source>Scale at the centre of the map, measured on the ellipsoid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Scale 1:{n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) not yet synced</source>
        <translation>
            <numerusform>%n edit not yet synced</numerusform>
            <numerusform>%n edits not yet synced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepAction</name>
    <message>
        <source>&amp;Undo {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreProblems</name>
    <message>
        <source>The layer {layer} cannot be read ({reason}); the other layers are shown. Run “baytak validate” on the store for details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store has a layer {layer} that Baytak does not know; it is not shown here (QGIS can open it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is open read-only: it could not be upgraded or repaired, so nothing can be changed in it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StyleDialog</name>
    <message>
        <source>The field {field} has no values in this layer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style of {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One category per value of the field, each with its own colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StylesModel</name>
    <message>
        <source>The style is used but could not be saved in the store: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SymbolEditor</name>
    <message>
        <source>Fill of other values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outline colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outline width, px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point size, px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill transparency, %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a GeoPackage store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new, empty store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a file into a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a layer to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;basemap (MBTiles)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show raster tiles from an MBTiles file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close Baytak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;Kazakhstan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole of Kazakhstan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole of the current layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Basemap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the basemap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Baytak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions and data attributions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowJobs</name>
    <message>
        <source>This file cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage stores (*.gpkg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage stores (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store cannot be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {file} into {layer}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: the store is as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) imported into {layer}.</source>
        <translation>
            <numerusform>%n feature imported into {layer}.</numerusform>
            <numerusform>%n features imported into {layer}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some rows were skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were invalid and skipped.</source>
        <translation>
            <numerusform>%n row was invalid and skipped.</numerusform>
            <numerusform>%n rows were invalid and skipped.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting {layer} to {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) exported to {file}.</source>
        <translation>
            <numerusform>%n feature exported to {file}.</numerusform>
            <numerusform>%n features exported to {file}.</numerusform>
        </translation>
    </message>
    <message>
        <source>The layer was not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a basemap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MBTiles files (*.mbtiles)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
