"""The About box and the in-app help. The help describes what this version really does, nothing more."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

import segdesk
from segdesk.ui.i18n import tr


def about_box(parent: QWidget | None) -> QMessageBox:
    """The About box (shown with ``open()``, so it never blocks a caller)."""
    box = QMessageBox(parent)
    box.setWindowTitle(tr("About segdesk"))
    box.setIconPixmap(box.windowIcon().pixmap(48, 48))
    box.setText(tr("<b>segdesk {version}</b>", version=segdesk.__version__))
    box.setInformativeText(tr("Offline customer segmentation: open a customer list and an order log, check the "
                              "data, build rule segments, see RFM segments and lifecycle stages, and export a "
                              "mailing list per segment.<br><br>"
                              "Nothing leaves this computer: no account, no upload, no network."))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def help_text() -> str:
    return "".join([
        tr("<h2>segdesk help</h2>"),
        tr("<h3>Open a customer list</h3><p>Use <b>File → Open…</b> (Ctrl+O) or drop a file on the window. "
           "CSV, TSV, TXT, Excel (xlsx, xlsm, xls) and OpenDocument (ods) files are read; the file itself is "
           "never changed.</p>"),
        tr("<p>segdesk detects the encoding, the delimiter, decimal and thousands separators, the date order, "
           "the sheet and the header row. The import window shows each detected choice next to a preview of the "
           "first rows; change any of them and the preview follows. Every column gets a type and, where one "
           "fits, a role such as email, phone or birth date; both can be changed in the Columns tab.</p>"),
        tr("<h3>Import an order log</h3><p>Use <b>File → Import order log…</b>. Choose which columns hold the "
           "customer key, the order date and the amount (order id, product and category are optional). Orders "
           "are linked to customers by customer id, email or phone; with Match customers by on Auto, a line the "
           "key leaves unknown is tried by the log's other email or phone column; order lines of unknown "
           "customers are listed in the quality report.</p>"),
        tr("<h3>Check the data</h3><p>The Data page shows the customers. Click a column header to sort, type in "
           "the quick search box (Ctrl+F) to find rows by any text column, a number (a customer number, an amount "
           "as the table shows it), a date as the table shows it, yes or no, or a phone typed any way; "
           "several words are each looked for anywhere in the row "
           "(\"ivan horvat\" finds Ivan Horvat with first and last name in two columns), and a word typed without "
           "diacritics finds the names written with them (\"simic\" finds Šimić). "
           "The quality report beside the table lists rows that were skipped, invalid and duplicate emails, "
           "phones that could not be normalised, and values that did "
           "not fit their column; click a finding to show all its rows in the table.</p>"),
        tr("<h3>Merge duplicates</h3><p><b>Edit → Merge duplicates…</b> finds customers listed more than once "
           "with the same email or, failing that, the same phone, shows the groups, and keeps the first row of "
           "each group that has the email, filling its empty cells from the others (their filled cells, a "
           "second total spent for one, are not added up). Two different emails are "
           "never merged, even with one phone between them (a family, an office).</p>"),
        tr("<h3>Segments</h3><p>The Segments page (Ctrl+2) holds an ordered list of segments, each with a rule: "
           "nested groups of conditions (all of / any of, negatable) on the customer columns, the RFM and "
           "lifecycle fields and the order log (\"bought category X in the last 90 days\"). The count of "
           "customers, their share and revenue follow every edit. Order is priority: each customer belongs to "
           "the first enabled segment it matches, so each is on one mailing list; drag a segment (or use Up and "
           "Down) to change its priority. Everyone else is counted on the last row.</p>"),
        tr("<p><b>Quick starts</b> add RFM segments, lifecycle stages, birthdays in the next 14 days, buyers of "
           "a category and high spenders who stopped buying. A warning sign marks a segment too small to act "
           "on (under 100 customers or 1% of the base). The control group holds the same share of every "
           "segment out of its mailing, chosen by the customer and the seed, so next month's file holds out "
           "the same customers. Relative dates count back from the as-of date. Double-click a segment to see "
           "its customers on the Data page; <b>Why?</b> explains, condition by condition, why one customer is "
           "in a segment or not. Every edit can be undone: <b>Edit → Undo</b> (Ctrl+Z) and <b>Redo</b> "
           "(Ctrl+Shift+Z or Ctrl+Y).</p>"),
        tr("<h3>RFM and lifecycle stages</h3><p>The RFM page (Ctrl+3) scores every customer with a purchase from "
           "1 to 5 (or 3, 4) for recency, frequency (distinct orders, or purchase days without an order id) and "
           "monetary value (returns reduce it), from the order log or from the customer list's last purchase "
           "date, orders count and total spent. Everything is measured from the as-of date: by default the "
           "day after the latest order in the data. Equal values always get equal scores; the Score ranges tab "
           "says what each score means in days, orders and money.</p>"),
        tr("<p>The grid names each R × F cell with a segment (champions, loyal, at risk…); click a cell or a "
           "row of the summary to see its customers on the Data page. <b>Use as segments</b> lists the RFM "
           "segments and lifecycle stages (new, active, lapsed, lost, prospect) as filters above the customer "
           "table. The Charts tab shows the distributions and the revenue by segment (Save as… PNG or SVG); "
           "the Map editor changes which cell belongs to which segment and warns about cells without a segment; "
           "Movement compares the segments at two as-of dates.</p>"),
        tr("<h3>Export mailing lists</h3><p>The Export page (Ctrl+4) writes one file per segment, or one workbook "
           "with a summary sheet and a sheet per segment. Tick the segments, choose a preset (Excel, Excel CSV, "
           "Mailchimp, Klaviyo, Brevo or UniSender) and the folder. The preset sets the columns and their headers, "
           "the delimiter, the encoding and the date and phone formats. Untick, rename (double-click a header) or "
           "move columns, add imported ones, and <b>Save as preset…</b> to keep your choice.</p>"),
        tr("<p>Left out, and counted by reason in the preview: contacts without consent (when a consent column is "
           "mapped), addresses on your suppression list (a file of emails or phones that segdesk remembers), "
           "invalid emails, and contacts already on this list or one above it (the same email). The control group "
           "goes to a file of its own. The files appear together at the end, so a cancelled or failed export "
           "leaves the folder as it was; every export is recorded in export-log.jsonl in that folder. Cells a "
           "spreadsheet would run as a formula are written as text.</p>"),
        tr("<h3>Projects</h3><p><b>File → Save project</b> (Ctrl+S) keeps the files you opened (where they are, "
           "how they were read, the order log's columns), the segments, the as-of date, the RFM settings and the "
           "export settings in one .segdesk file. Open it next month with <b>File → Open project…</b>: the files "
           "are read again the same way, and segdesk tells you what changed in them. The title shows * while there "
           "are unsaved changes; unsaved work is kept safe every minute and offered back if segdesk closes "
           "unexpectedly. From a script: segdesk run PROJECT.segdesk.</p>"),
        tr("<h3>Coming next</h3><p>More charts are being built; their page is shown greyed out.</p>"),
        tr("<p>Switch the interface language in <b>View → Language</b>. Numbers and dates are written the way "
           "your system writes them (1.234,50 and 03.04.1985 on a German or Croatian system), or the Russian way "
           "when the interface is in Russian.</p>"),
    ])


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("segdesk help"))
        self.browser = QTextBrowser()
        self.browser.setHtml(help_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(620, 560)
