"""Convert a document with LibreOffice through UNO, run by the system python3 (python3-uno).

    python3 convert.py IN OUT FILTER [accept|reject|keep]

Starts a headless LibreOffice with a private profile, loads IN, accepts or rejects
every tracked change with LibreOffice's own commands (``keep``: leaves them), and
stores the document as OUT with the export filter FILTER ("Text (encoded)" for UTF-8
text with LF, "MS Word 2007 XML" for .docx). Used by the round-trip test: it is
LibreOffice, not doccheck, that decides what accepting and rejecting mean.

Comments are taken out of the document before it gets a view. A Writer view lays out
each comment in a sidebar window that it builds from a .ui description
(``Application::CreateInterimBuilder``, from a user event on the first idle turn of the
office's main loop); in Debian's ``libreoffice-*-nogui`` packages of LibreOffice 7.4
that throws a ``NoSuchElementException`` nobody catches, and soffice aborts (the UNO
bridge reports "Binary URP bridge disposed during call"), whatever the load properties.
Those packages ship no Writer .ui files at all, but copying the GUI package's beside a
copy of the installation did not stop the abort. ``soffice --convert-to`` never reaches
that turn: it loads and stores inside one event. So the document is first loaded as a
model without a view, LibreOffice removes its comments (they are no part of the text a
filter exports, nor of a tracked change), and only then is it shown in a hidden frame,
where the accept and reject commands run.
"""

import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def properties(**values):
    result = []
    for name, value in values.items():
        item = PropertyValue()
        item.Name, item.Value = name, value
        result.append(item)
    return tuple(result)


def remove_comments(model):
    """Dispose every comment (an annotation field) of ``model``."""
    fields = model.getTextFields().createEnumeration()
    comments = []
    while fields.hasMoreElements():
        field = fields.nextElement()
        if field.supportsService("com.sun.star.text.textfield.Annotation"):
            comments.append(field)
    for comment in comments:
        comment.dispose()


def main(source, target, export_filter, changes):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"doccheck{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(300):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.2)
        if context is None:
            raise SystemExit("LibreOffice did not start")
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        load = {"FilterName": "MS Word 2007 XML"}
        if source.endswith(".txt"):
            load = {"FilterName": "Text (encoded)", "FilterOptions": "UTF8,LF,,,"}
        model = context.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", context)
        model.load(properties(URL=uno.systemPathToFileUrl(os.path.abspath(source)), **load))
        remove_comments(model)
        document = desktop.loadComponentFromURL("private:object", "_blank", 0, properties(Model=model, Hidden=True))
        if document is None:
            raise SystemExit(f"LibreOffice could not open {source}")
        if changes in ("accept", "reject"):
            dispatcher = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
            command = ".uno:AcceptAllTrackedChanges" if changes == "accept" else ".uno:RejectAllTrackedChanges"
            dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
        store = properties(FilterName=export_filter)
        if export_filter == "Text (encoded)":
            store = properties(FilterName=export_filter, FilterOptions="UTF8,LF,,,")
        document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), store)
        document.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        subprocess.run(["rm", "-rf", profile], check=False)


if __name__ == "__main__":
    main(*sys.argv[1:4], sys.argv[4] if len(sys.argv) > 4 else "keep")
