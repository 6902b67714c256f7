"""The Data page: sorting by header clicks, quick search, quality items that filter, formatting."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from segdesk.core.io.table import ImportedTable
from segdesk.ui.data_page import DataPage


def _page(qtbot, table: ImportedTable | None) -> DataPage:
    page = DataPage()
    qtbot.addWidget(page)
    page.set_data(table)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def _column(page: DataPage, name: str) -> int:
    return page.model.frame_view().columns.names.index(name)


def _shown(page: DataPage, name: str) -> list[str]:
    column = _column(page, name)
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def _click_header(qtbot, page: DataPage, column: int) -> None:
    header = page.table_view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.waitSignal(page.model.sort_finished, timeout=5_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_empty_page_says_how_to_open_a_file(qtbot) -> None:
    page = _page(qtbot, None)
    assert page.model.rowCount() == 0
    assert not page.search_box.isVisible()


def test_values_are_formatted_for_the_locale(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    assert _shown(page, "spent")[:2] == ["1,200.50", "80.00"]
    assert _shown(page, "signup")[0] == "5/20/2021"
    assert _shown(page, "id")[0] == "1"
    spent = page.model.index(0, _column(page, "spent"))
    assert spent.data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)


def test_amounts_show_cents_as_money_does(qtbot, tmp_path) -> None:
    from segdesk.core.io import read_table

    path = tmp_path / "m.csv"
    path.write_text("name,total spent,rating\nAnn,987.1,4.5\nBob,45,3\n", encoding="utf-8")
    page = _page(qtbot, read_table(path))
    assert _shown(page, "total spent") == ["987.10", "45.00"]
    assert _shown(page, "rating") == ["4.5", "3.0"]  # not money: as many decimals as the values need


def test_header_names_type_and_role(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    header = page.model.headerData(_column(page, "signup"), Qt.Orientation.Horizontal)
    assert header == "signup\ndate · signup date"
    assert page.model.headerData(0, Qt.Orientation.Vertical) == "2"  # the row number in the file


def test_clicking_a_header_sorts_and_clicking_again_reverses(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    name = _column(page, "name")
    _click_header(qtbot, page, name)
    assert _shown(page, "name") == ["anna karenina", "Anna Petrova", "Boris Ivanov", "carl smith", "Dana White",
                                    "Eve Black"]
    _click_header(qtbot, page, name)
    assert _shown(page, "name")[0] == "Eve Black"
    assert page.table_view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_numbers_sort_numerically_with_empty_cells_last(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    _click_header(qtbot, page, _column(page, "spent"))
    assert _shown(page, "spent") == ["15.25", "80.00", "99.99", "300.00", "1,200.50", ""]


def test_selection_follows_its_row_through_a_sort(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    page.table_view.selectRow(4)  # Eve Black
    _click_header(qtbot, page, _column(page, "name"))
    selected = page.table_view.selectionModel().selectedRows()
    assert [page.model.index(i.row(), _column(page, "name")).data() for i in selected] == ["Eve Black"]


def test_a_sort_shows_the_first_rows(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    page.resize(1000, 160)  # a few rows on screen, so there is somewhere to scroll
    page.table_view.scrollToBottom()
    assert page.table_view.verticalScrollBar().value() > 0
    _click_header(qtbot, page, _column(page, "name"))
    assert page.table_view.verticalScrollBar().value() == 0
    assert page.table_view.rowAt(0) == 0


def test_quick_search_filters_rows(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    with qtbot.waitSignal(page.search_finished, timeout=5_000):
        qtbot.keyClicks(page.search_box, "ANNA")
    assert _shown(page, "name") == ["Anna Petrova", "Dana White", "anna karenina"]  # Dana's email is anna@…
    assert page._count.text() == "Showing 3 of 6 customers"
    with qtbot.waitSignal(page.search_finished, timeout=5_000):
        page.search_box.clear()
    assert page.model.rowCount() == 6


def test_search_finds_a_phone_typed_another_way_and_a_customer_number(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    with qtbot.waitSignal(page.search_finished, timeout=5_000):
        qtbot.keyClicks(page.search_box, "89167654321")  # written "+7 916 765-43-21" in the file
    assert _shown(page, "name") == ["Boris Ivanov"]
    page.search_box.clear()
    with qtbot.waitSignal(page.search_finished, timeout=5_000):
        qtbot.keyClicks(page.search_box, "1200")  # an amount, shown as 1,200.50
    assert _shown(page, "name") == ["Anna Petrova"]


def test_search_finds_categories_case_insensitively(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    with qtbot.waitSignal(page.search_finished, timeout=5_000):
        qtbot.keyClicks(page.search_box, "moscow")
    assert _shown(page, "name") == ["Anna Petrova", "Dana White", "anna karenina"]


def test_search_words_are_found_in_different_columns(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    with qtbot.waitSignal(page.search_finished, timeout=5_000):
        qtbot.keyClicks(page.search_box, "anna MOSCOW")  # a name and a city; Dana's email is anna@…
    assert _shown(page, "name") == ["Anna Petrova", "Dana White", "anna karenina"]
    page.search_box.clear()
    with qtbot.waitSignal(page.search_finished, timeout=5_000):
        qtbot.keyClicks(page.search_box, "smith zagreb")
    assert _shown(page, "name") == ["carl smith"]


def test_clicking_a_quality_item_filters_to_its_rows(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    entries = page.quality_panel.items()
    invalid = next(e for e in entries if e.text().startswith("Invalid emails"))
    quality_list = page.quality_panel._list
    rect = quality_list.visualItemRect(invalid)
    qtbot.mouseClick(quality_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _shown(page, "email") == ["boris@example"]
    assert "Showing 1 row" in page.quality_panel._note.text()
    qtbot.mouseClick(page.quality_panel._show_all, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 6


def test_search_and_quality_filter_combine(qtbot, customers_table: ImportedTable) -> None:
    page = _page(qtbot, customers_table)
    duplicate = next(e for e in page.quality_panel.items() if e.text().startswith("Duplicate emails"))
    rect = page.quality_panel._list.visualItemRect(duplicate)
    qtbot.mouseClick(page.quality_panel._list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _shown(page, "name") == ["Anna Petrova", "Dana White"]  # both rows with anna@example.com
    with qtbot.waitSignal(page.search_finished, timeout=5_000):
        qtbot.keyClicks(page.search_box, "eve")
    assert page.model.rowCount() == 0  # Eve matches the search but is no duplicate
    with qtbot.waitSignal(page.search_finished, timeout=5_000):
        page.search_box.clear()
    assert _shown(page, "name") == ["Anna Petrova", "Dana White"]


def test_the_model_obeys_qt_rules(qtmodeltester, customers_table: ImportedTable) -> None:
    from segdesk.ui.table_model import CustomerTableModel

    model = CustomerTableModel()
    model.set_table(customers_table)
    qtmodeltester.check(model, force_py=True)
    model.set_filter("search", None)
    qtmodeltester.check(model, force_py=True)


def test_skipped_rows_are_listed_not_filtered(qtbot, messy_csv) -> None:
    from segdesk.core.io import read_table

    page = _page(qtbot, read_table(messy_csv))
    totals = next(e for e in page.quality_panel.items() if e.text().startswith("Totals row skipped"))
    rect = page.quality_panel._list.visualItemRect(totals)
    qtbot.mouseClick(page.quality_panel._list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.model.rowCount() == 60
    assert page.quality_panel._note.text() == "Rows in the file, not imported: 63"


def test_order_log_rows_are_said_to_be_the_order_logs(qtbot, customers_table: ImportedTable) -> None:
    from segdesk.core.io.raw import rows_item

    page = DataPage()
    qtbot.addWidget(page)
    unknown = rows_item("unknown_customer", [8, 9], "order lines whose customer is not in the customer list")
    page.set_data(customers_table, [unknown])
    entry = next(e for e in page.quality_panel.items() if e.text().startswith("Order log:"))
    page.show()
    qtbot.waitExposed(page)
    rect = page.quality_panel._list.visualItemRect(entry)
    qtbot.mouseClick(page.quality_panel._list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.quality_panel._note.text() == "Rows in the order log (not in this table): 8, 9"
    assert page.model.rowCount() == 6  # the customer table is not filtered by order-log rows


def test_russian_formats_numbers_and_dates_the_russian_way(qtbot, customers_table: ImportedTable) -> None:
    from segdesk.ui.i18n import set_language

    set_language("ru")
    page = _page(qtbot, customers_table)
    assert _shown(page, "spent")[0].replace("\xa0", " ") == "1 200,50"
    assert _shown(page, "signup")[0] == "20.05.2021"
    assert page.model.headerData(_column(page, "signup"), Qt.Orientation.Horizontal) == \
        "signup\nдата · дата регистрации"


def test_a_quality_item_filters_to_all_its_rows_not_just_the_listed_ones(qtbot, tmp_path) -> None:
    from segdesk.core.io import read_table

    lines = "".join(f"{i};{'broken' if i % 2 else f'user{i}@example.com'}\n" for i in range(60))
    path = tmp_path / "many.csv"
    path.write_text("id;email\n" + lines, encoding="utf-8")
    table = read_table(path)
    page = _page(qtbot, table)
    item = next(q for q in table.quality if q.kind == "invalid_email")
    assert item.count == 30 and len(item.rows) == 20  # the report lists 20; the filter shows all 30
    page.quality_panel.item_chosen.emit(item)
    assert page.model.rowCount() == 30
    assert set(_shown(page, "email")) == {"broken"}


def test_a_huge_cell_is_shown_shortened(qtbot, tmp_path) -> None:
    from segdesk.core.io import read_table

    path = tmp_path / "big.csv"
    path.write_text('id,note\n1,"' + "x" * 5_000_000 + '"\n2,short\n', encoding="utf-8")
    page = _page(qtbot, read_table(path))
    shown = _shown(page, "note")
    assert len(shown[0]) == 1000 and shown[0].endswith("…")
    assert shown[1] == "short"


def test_a_finding_outside_the_table_clears_an_earlier_filter(qtbot, orders_csv, customers_table) -> None:
    from segdesk.core.io import ImportOptions, read_table
    from segdesk.core.model.orders import link_orders, suggest_order_mapping

    orders = read_table(orders_csv, ImportOptions(orders=True))
    link = link_orders(customers_table, orders, suggest_order_mapping(orders))
    page = _page(qtbot, customers_table)
    page.set_data(customers_table, [link.unknown])
    quality_list = page.quality_panel._list

    def click(prefix: str) -> None:
        entry = next(e for e in page.quality_panel.items() if e.text().startswith(prefix))
        qtbot.mouseClick(quality_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=quality_list.visualItemRect(entry).center())

    click("Invalid emails")
    assert page.model.rowCount() == 1
    click("Order log")
    assert page.model.rowCount() == 6


def test_a_finding_about_the_whole_file_counts_no_rows(qtbot, tmp_path) -> None:
    from segdesk.core.io import read_table

    path = tmp_path / "clients.xlsx"
    path.write_text("name;email\nAnn;ann@example.com\nBob;bob@example.com\n", encoding="utf-8")  # text, not Excel
    page = _page(qtbot, read_table(path))
    assert [e.text() for e in page.quality_panel.items()] == ["File type differs from its extension"]


def test_numbers_that_name_things_are_shown_without_grouping(qtbot, tmp_path) -> None:
    from segdesk.core.io import read_table

    path = tmp_path / "ids.csv"
    path.write_text("Record ID,LEID,Visits\n1061,100000000,1500\n1062,100000001,20\n", encoding="utf-8")
    page = _page(qtbot, read_table(path))
    assert _shown(page, "Record ID") == ["1061", "1062"] and _shown(page, "LEID")[0] == "100000000"
    assert _shown(page, "Visits")[0] == "1,500"  # a count keeps its grouping
