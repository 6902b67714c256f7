"""Project files: round trips, moved folders, damaged and newer files, re-opening changed sources, and the frozen
samples of every released file version."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from segdesk.core import project as project_module
from segdesk.core.errors import InputError
from segdesk.core.export.model import ColumnSpec, ExportSettings, FileKind, PhoneFormat, Preset, Source, Target
from segdesk.core.io.normalize import phone_regions
from segdesk.core.io.reader import read_table
from segdesk.core.io.table import ColumnType, DateOrder, ImportOptions, Role
from segdesk.core.model.dataset import import_customers, import_orders
from segdesk.core.model.orders import OrderMapping, suggest_order_mapping
from segdesk.core.project import (
    MIGRATIONS,
    SCHEMA,
    SUFFIX,
    VERSION,
    Project,
    ProjectError,
    SourceRef,
    StaleMappingError,
    load_project,
    project_from_json,
    project_to_json,
    reopen,
    save_project,
    source_ref,
)
from segdesk.core.project_json import options_from_json, options_to_json, rfm_from_json, rfm_to_json
from segdesk.core.rfm.analysis import RfmSettings
from segdesk.core.rfm.lifecycle import LifecycleThresholds
from segdesk.core.rfm.maps import RF10, RFM11, MapSegment, RfmMap
from segdesk.core.rfm.scoring import ScoreMode, Thresholds
from segdesk.core.rules.data import RuleData
from segdesk.core.rules.model import (
    Aggregate,
    Combinator,
    Condition,
    Group,
    Operator,
    OrderCondition,
    Period,
    Unit,
)
from segdesk.core.segments.assign import assign
from segdesk.core.segments.model import Segment, SegmentSet
from segdesk.core.segments.session import derived_fields

DATA = Path(__file__).parent.parent / "data"

CUSTOMERS = """Client ID;Email;City;Joined;Score
C1;ann@example.com;Moscow;03.02.2021;1,5
C2;bob@example.com;Kazan;15.06.2021;2,0
C3;cat@example.org;Moscow;21.11.2021;0,5
"""
ORDERS = """order,email,date,sum,category
1,ann@example.com,2023-01-14,120.00,Books
2,bob@example.com,2023-02-02,45.50,Home
3,ann@example.com,2023-03-20,310.00,Books
4,cat@example.org,2023-04-11,15.99,Home
"""


def _sources(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (folder / "orders.csv").write_text(ORDERS, encoding="utf-8")
    return folder / "customers.csv", folder / "orders.csv"


def _segments() -> SegmentSet:
    books = Group(rules=(Condition("category", Operator.EQ, "Books"),))
    twice = OrderCondition(Aggregate.COUNT, Operator.GE, 2, books, Period(1, Unit.YEARS))
    return SegmentSet((
        Segment("Book lovers", Group(rules=(twice, Condition("City", Operator.IN, ("Moscow", "Kazan")))), "#4e79a7"),
        Segment("Big spenders", Group(Combinator.OR, rules=(Condition("monetary", Operator.BETWEEN, (100, 1000.5)),
                                                            Condition("rfm_segment", Operator.EQ, "champions"))),
                "#f28e2b", enabled=False),
        Segment("Quiet", Group(negated=True, rules=(Condition("last_purchase", Operator.IN_LAST,
                                                              Period(90, Unit.DAYS)),)), "#e15759"),
    ), holdout=12.5, seed=7)


def _export() -> ExportSettings:
    preset = Preset(name="our_crm", title="Our CRM (утро)", kind=FileKind.CSV, delimiter=";", decimal=",",
                    encoding="utf-8-sig", date_format="%d.%m.%Y", phone_format=PhoneFormat.DIGITS,
                    columns=(ColumnSpec(Source.ROLE, "email", "E-mail"), ColumnSpec(Source.SEGMENT, "", "Segment")),
                    consent_words=("Y", "N"), max_rows=1000, builtin=False)
    return ExportSettings(preset="our_crm", target=Target.WORKBOOK, kind=FileKind.XLSX,
                          columns=(ColumnSpec(Source.ROLE, "email", "Email"),
                                   ColumnSpec(Source.COLUMN, "City", "City")),
                          segments=("Book lovers",), exclude_duplicates=False, control_file=False,
                          custom_presets=(preset,))


def _rfm() -> RfmSettings:
    return RfmSettings(None, 4, ScoreMode.FIXED, Thresholds((30, 90, 180), (2, 3, 5.5), (50, 150.25, 400)), RFM11,
                       LifecycleThresholds(45, 150, 400))


def _project(folder: Path) -> Project:
    """A project made the way the app makes one: from tables read with options the user chose."""
    customers_path, orders_path = _sources(folder)
    options = ImportOptions(delimiter=";", decimal=",", date_order=DateOrder.DMY,
                            column_types={"City": ColumnType.CATEGORY}, column_roles={"Joined": Role.SIGNUP_DATE,
                                                                                      "Score": None})
    customers = import_customers(customers_path, options).customers
    assert customers is not None
    mapping = OrderMapping("email", "date", "sum", "order", None, "category")
    orders = import_orders(orders_path, ImportOptions(encoding="utf-8"), mapping, customers, Role.EMAIL).orders
    assert orders is not None
    return Project(source_ref(customers), source_ref(orders), mapping, Role.EMAIL, dt.date(2024, 1, 1), _rfm(),
                   _segments(), _export())


# --- round trips ------------------------------------------------------------------------------------------------


def test_save_and_load_give_the_same_project(tmp_path: Path) -> None:
    project = _project(tmp_path / "data")
    path = tmp_path / f"shop{SUFFIX}"
    save_project(path, project)
    assert load_project(path) == project


def test_the_file_is_readable_diffable_json(tmp_path: Path) -> None:
    project = _project(tmp_path / "data")
    path = tmp_path / f"shop{SUFFIX}"
    save_project(path, project)
    content = path.read_bytes().decode("utf-8")
    assert content.endswith("}\n") and "\r\n" not in content
    assert "утро" in content  # written as text, not \u escapes
    data = json.loads(content)
    assert content == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert (data["schema"], data["version"]) == (SCHEMA, VERSION)
    source = data["sources"]["customers"]
    assert source["path"] == "data/customers.csv"  # relative, forward slashes
    assert source["options"]["date_order"] == "dmy" and source["options"]["column_roles"] == {
        "Joined": "signup_date", "Score": None}
    assert "max_rows" not in source["options"]
    assert data["sources"]["orders"]["mapping"]["amount"] == "sum"
    assert data["rfm"]["map"] == "rfm11"  # a built-in map by its key
    save_project(path, project)
    assert path.read_bytes().decode("utf-8") == content  # saving again changes nothing


def test_saving_never_writes_over_a_source(tmp_path: Path) -> None:
    project = _project(tmp_path)
    with pytest.raises(InputError) as e:
        save_project(tmp_path / "customers.csv", project)
    assert e.value.key == "would_overwrite_source"
    assert (tmp_path / "customers.csv").read_text(encoding="utf-8") == CUSTOMERS


def test_an_edited_map_is_saved_whole(tmp_path: Path) -> None:
    edited = RfmMap("rf10", dict(RF10.names), "rf", (*RF10.segments[:-1], MapSegment("sleepy", {"en": "Sleepy"},
                                                                                   ("[1-2][1-2]",))))
    project = Project(rfm=RfmSettings(rfm_map=edited))
    data = project_to_json(project, tmp_path / "p.segdesk")
    assert isinstance(data["rfm"]["map"], dict)
    assert project_from_json(data, tmp_path / "p.segdesk") == project


def test_an_empty_project_round_trips(tmp_path: Path) -> None:
    save_project(tmp_path / "empty.segdesk", Project())
    assert load_project(tmp_path / "empty.segdesk") == Project()


def test_a_missing_source_is_saved_without_a_fingerprint(tmp_path: Path) -> None:
    customers_path, _ = _sources(tmp_path)
    table = read_table(customers_path)
    customers_path.unlink()
    ref = source_ref(table)
    assert (ref.size, ref.sha256, ref.rows) == (None, None, 3)
    save_project(tmp_path / "p.segdesk", Project(customers=ref))
    assert load_project(tmp_path / "p.segdesk").customers == ref


def test_read_table_remembers_its_options_without_the_row_limit(tmp_path: Path) -> None:
    customers_path, _ = _sources(tmp_path)
    options = ImportOptions(delimiter=";", max_rows=2)
    assert read_table(customers_path, options).options == replace(options, max_rows=None)


# --- paths ------------------------------------------------------------------------------------------------------


def test_relative_paths_survive_moving_the_folder(tmp_path: Path) -> None:
    project = _project(tmp_path / "a" / "sources")
    save_project(tmp_path / "a" / "shop.segdesk", project)
    shutil.move(tmp_path / "a", tmp_path / "b")
    loaded = load_project(tmp_path / "b" / "shop.segdesk")
    assert loaded.customers is not None and loaded.orders is not None
    assert loaded.customers.path == tmp_path / "b" / "sources" / "customers.csv"
    dataset, report = reopen(loaded)
    assert dataset.customers is not None and dataset.customers.rows == 3
    assert not report.changed and report.lines() == []


def test_a_project_moved_alone_finds_its_sources_where_they_were(tmp_path: Path) -> None:
    project = _project(tmp_path / "sources")
    (tmp_path / "a").mkdir()
    save_project(tmp_path / "a" / "shop.segdesk", project)
    (tmp_path / "elsewhere").mkdir()
    shutil.move(tmp_path / "a" / "shop.segdesk", tmp_path / "elsewhere" / "deeper.segdesk")
    loaded = load_project(tmp_path / "elsewhere" / "deeper.segdesk")
    assert loaded.customers is not None and loaded.customers.path == tmp_path / "sources" / "customers.csv"


def test_sources_out_of_the_project_folder_are_found(tmp_path: Path) -> None:
    project = _project(tmp_path / "shared" / "exports")
    (tmp_path / "work").mkdir()
    save_project(tmp_path / "work" / "p.segdesk", project)
    data = json.loads((tmp_path / "work" / "p.segdesk").read_text(encoding="utf-8"))
    assert data["sources"]["orders"]["path"] == "../shared/exports/orders.csv"
    assert load_project(tmp_path / "work" / "p.segdesk") == project


# --- damaged, foreign and newer files ---------------------------------------------------------------------------


def _saved(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "shop.segdesk"
    save_project(path, _project(tmp_path))
    return json.loads(path.read_text(encoding="utf-8"))


def _broken(tmp_path: Path, data: dict[str, Any]) -> ProjectError:
    path = tmp_path / "shop.segdesk"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectError) as e:
        load_project(path)
    assert "shop.segdesk" in str(e.value)
    return e.value


def test_a_file_of_a_newer_version_is_refused(tmp_path: Path) -> None:
    data = _saved(tmp_path)
    error = _broken(tmp_path, {**data, "version": VERSION + 1})
    assert error.key == "project_newer"
    assert "newer segdesk" in str(error) and f"version {VERSION + 1}" in str(error)


def _set(data: dict[str, Any], place: str, value: Any) -> None:
    *parents, last = place.split(".")
    for key in parents:
        data = data[int(key)] if isinstance(data, list) else data[key]
    if value is _DELETE:
        del data[last]
    else:
        data[int(last) if isinstance(data, list) else last] = value


_DELETE = object()
_RULE = "segments.segments.0.rule.rules.0"  # the order-log condition of "Book lovers"


@pytest.mark.parametrize(("place", "value", "expected"), [
    ("schema", "something.else", "is not a segdesk project file"),
    ("version", "1", "version must be a whole number"),
    ("version", 0, "version must be a whole number"),
    ("sources.customers.options.delimiter", ";;", "sources.customers.options.delimiter must be one character"),
    ("sources.customers.options.date_order", "dym", "sources.customers.options.date_order must be one of dmy, mdy"),
    ("sources.customers.options.column_types.City", "colour", "options.column_types.City must be one of text"),
    ("sources.customers.options.encoding", "klingon", "options.encoding names no known encoding"),
    ("sources.customers.options.phone_region", "XX", "sources.customers.options.phone_region must be a two-letter"),
    ("sources.customers.options.header_row", 0, "options.header_row must be a whole number of 1 or more"),
    ("sources.customers.options.orders", "no", "sources.customers.options.orders must be true or false"),
    ("sources.customers.options.delimter", ",", "sources.customers.options.delimter is not a known setting"),
    ("sources.customers.options.sheet", _DELETE, "sources.customers.options.sheet is missing"),
    ("sources.customers.sha256", "abc", "sources.customers.sha256 must be 64 lower-case hex digits"),
    ("sources.customers.rows", -1, "sources.customers.rows must be a whole number of 0 or more"),
    ("sources.customers.columns", [1, 2], "sources.customers.columns[0] must be text"),
    ("sources.customers.path", "", "sources.customers.path must be non-empty text"),
    ("sources.customers.absolute", "relative/x.csv", "sources.customers.absolute must be an absolute path"),
    ("sources.orders.link_by", "city", "sources.orders.link_by must be one of customer_id, email, phone"),
    ("sources.orders.mapping.amount", None, "sources.orders.mapping.amount must be non-empty text"),
    ("sources.orders.mapping", _DELETE, "sources.orders.mapping is missing"),
    ("sources", [], "sources must be an object"),
    ("as_of", "01.01.2024", "as_of must be a date written YYYY-MM-DD (got '01.01.2024')"),
    ("as_of", "2024-02-30", "as_of must be a date written YYYY-MM-DD"),
    ("rfm.bins", 7, "rfm: the number of bins must be 3, 4 or 5"),
    ("rfm.mode", "quantile", "rfm.mode must be one of quantiles, fixed"),
    ("rfm.thresholds.recency", [30, 20, 180], "rfm: the recency thresholds must go up"),
    ("rfm.thresholds.monetary.1", "150", "rfm.thresholds.monetary[1] must be a number"),
    ("rfm.lifecycle.lost_days", 10, "rfm: lifecycle thresholds must grow"),
    ("rfm.map", "rf99", "rfm.map must be rf10 or rfm11 or a map object"),
    ("rfm.map", {"kind": "rgb"}, "rfm.map: the RFM map is not valid"),
    ("segments.holdout", 80, "segments: the control group share must be a percentage from 0 to 50"),
    ("segments.segments.1.name", "book LOVERS", "segments: two segments are named 'book LOVERS'"),
    (f"{_RULE}.orders.where.rules.0.operator", "~",
     "segments: segment 'Book lovers', condition 1.1: unknown operator '~'"),
    (f"{_RULE}.orders.within.unit", "fortnights", "segment 'Book lovers', condition 1: the unit must be days"),
    ("export.target", "printer", "export: the export settings are not valid"),
    ("export.custom_presets.0.delimiter", "||", "export: the export preset 'our_crm' is not valid"),
    ("colour", "red", "colour is not a known setting here"),
])
def test_a_damaged_file_names_the_place_at_fault(tmp_path: Path, place: str, value: Any, expected: str) -> None:
    data = _saved(tmp_path)
    _set(data, place, value)
    error = _broken(tmp_path, data)
    assert expected in str(error), str(error)
    assert isinstance(error, InputError)


@pytest.mark.parametrize(("content", "key", "expected"), [
    (b'{"schema": "segdesk.project", "version": 1, "as_of": nu', "project_not_json", "not valid JSON"),
    (b"", "project_not_json", "line 1, column 1"),
    (b'{"schema": "segdesk.project", "schema": "x"}', "project_not_json", "the key 'schema' appears twice"),
    (b'{"schema": "segdesk.project", "version": 1, "as_of": NaN}', "project_not_json", "NaN is not a number"),
    ("{\"schema\": \"проект\"}".encode("cp1251"), "project_not_text", "not UTF-8 text"),
    (b"[1, 2, 3]", "project_not_project", "not a segdesk project file"),
])
def test_a_file_that_is_not_a_project_says_so(tmp_path: Path, content: bytes, key: str, expected: str) -> None:
    path = tmp_path / "shop.segdesk"
    path.write_bytes(content)
    with pytest.raises(ProjectError) as e:
        load_project(path)
    assert e.value.key == key
    assert expected in str(e.value) and "shop.segdesk" in str(e.value)


def test_a_truncated_file_is_refused(tmp_path: Path) -> None:
    _saved(tmp_path)
    path = tmp_path / "shop.segdesk"
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    with pytest.raises(ProjectError, match=r"the project 'shop.segdesk' is damaged \(not valid JSON\)"):
        load_project(path)


def test_a_missing_project_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="'nowhere.segdesk' does not exist") as e:
        load_project(tmp_path / "nowhere.segdesk")
    assert e.value.key == "missing_file"


def test_a_file_with_a_bom_is_read(tmp_path: Path) -> None:
    _saved(tmp_path)
    path = tmp_path / "shop.segdesk"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_project(path).as_of == dt.date(2024, 1, 1)


def test_older_versions_are_migrated_in_turn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _saved(tmp_path)
    steps: list[int] = []

    def from_1(old: dict[str, Any]) -> dict[str, Any]:  # as if version 2 renamed "as_of" to "as_of_date"
        steps.append(1)
        return {**{k: v for k, v in old.items() if k != "as_of"}, "as_of_date": old["as_of"]}

    def from_2(old: dict[str, Any]) -> dict[str, Any]:  # ... and version 3 renamed it back
        steps.append(2)
        return {**{k: v for k, v in old.items() if k != "as_of_date"}, "as_of": old["as_of_date"]}

    monkeypatch.setattr(project_module, "VERSION", 3)
    monkeypatch.setattr(project_module, "MIGRATIONS", {1: from_1, 2: from_2})
    loaded = project_from_json(data, tmp_path / "shop.segdesk")
    assert steps == [1, 2] and loaded.as_of == dt.date(2024, 1, 1)
    assert project_to_json(loaded, tmp_path / "shop.segdesk")["version"] == 3


def test_every_older_version_has_a_migration() -> None:
    assert set(MIGRATIONS) == set(range(1, VERSION))


# --- reopening --------------------------------------------------------------------------------------------------


def test_reopen_reports_what_changed_in_a_source(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (tmp_path / "customers.csv").write_text("Client ID;Email;Joined;Tier\nC1;ann@example.com;03.02.2021;gold\n"
                                            "C2;bob@example.com;15.06.2021;silver\n", encoding="utf-8")
    dataset, report = reopen(project)
    change = report.customers
    assert change is not None and change.changed and report.changed
    assert (change.rows_then, change.rows_now) == (3, 2)
    assert change.missing_columns == ("City", "Score") and change.new_columns == ("Tier",)
    # choices about the gone columns are dropped, not failed on, and said
    assert change.dropped_types == ("City",) and change.dropped_roles == ("Score",)
    assert dataset.customers is not None
    assert dict(dataset.customers.options.column_roles) == {"Joined": Role.SIGNUP_DATE}
    assert dataset.customers.column("Joined").role == Role.SIGNUP_DATE  # the kept choice still applies
    assert report.orders is not None and not report.orders.changed
    lines = report.lines()
    assert "the customer list 'customers.csv' changed since the project was saved (2 rows, 3 at the save)" in lines
    assert "columns no longer in the customer list: City, Score" in lines
    assert "new columns in the customer list: Tier" in lines


def test_reopen_links_the_orders_with_the_saved_mapping(tmp_path: Path) -> None:
    project = _project(tmp_path)
    dataset, report = reopen(project)
    assert dataset.link is not None and dataset.link.linked == 4 and dataset.link.link_by == Role.EMAIL
    assert dataset.mapping == project.order_mapping
    assert dataset.customers is not None and dataset.customers.column("City").type == ColumnType.CATEGORY
    assert not report.changed


def test_a_changed_order_log_column_breaks_the_mapping_clearly(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (tmp_path / "orders.csv").write_text(ORDERS.replace("order,email,date,sum,", "order,email,date,total,"),
                                         encoding="utf-8")
    with pytest.raises(StaleMappingError) as e:
        reopen(project)
    assert str(e.value) == "the order log 'orders.csv' has no column 'sum' for the amount any more; choose the " \
                           "amount column again"
    assert e.value.key == "project_mapping_gone" and e.value.params["column"] == "sum"
    change = e.value.report.orders
    assert change is not None and change.broken_mapping == ("amount",)
    assert change.missing_columns == ("sum",) and change.new_columns == ("total",)
    # what a repair needs comes with the error: the tables just read
    assert e.value.orders.rows == 4 and e.value.customers is not None
    assert suggest_order_mapping(e.value.orders) is not None


def test_a_mapped_column_of_another_type_is_a_stale_mapping(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (tmp_path / "orders.csv").write_text(ORDERS.replace("2023-", "soon "), encoding="utf-8")
    with pytest.raises(StaleMappingError) as e:
        reopen(project)
    assert e.value.key == "mapping_wrong_type" and "'date'" in str(e.value)


def test_reopen_reads_another_file_in_place_of_a_saved_one(tmp_path: Path) -> None:
    project = _project(tmp_path / "old")
    new_customers, new_orders = _sources(tmp_path / "new")
    new_orders.write_text(ORDERS + "5,ann@example.com,2023-05-01,10.00,Books\n", encoding="utf-8")
    dataset, report = reopen(project, customers_path=new_customers, orders_path=new_orders)
    assert report.customers is not None and report.customers.path == new_customers
    assert not report.customers.changed  # the same content in another place
    assert report.orders is not None and report.orders.changed and report.orders.rows_now == 5
    assert f"the order log is read from {new_orders} instead of {tmp_path / 'old' / 'orders.csv'}" in report.lines()
    assert dataset.orders is not None and dataset.orders.path == new_orders


def test_reopen_refuses_a_replacement_for_a_source_the_project_lacks(tmp_path: Path) -> None:
    project = replace(_project(tmp_path), customers=None)
    with pytest.raises(InputError, match="the project has no customer list to replace with 'x.csv'"):
        reopen(project, customers_path=tmp_path / "x.csv")


def test_reopen_names_a_missing_source(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (tmp_path / "orders.csv").unlink()
    with pytest.raises(InputError) as e:
        reopen(project)
    assert e.value.key == "missing_file" and "orders.csv" in str(e.value)


def test_an_order_log_alone_makes_its_customers(tmp_path: Path) -> None:
    project = replace(_project(tmp_path), customers=None, link_by=None)
    save_project(tmp_path / "p.segdesk", project)
    dataset, report = reopen(load_project(tmp_path / "p.segdesk"))
    assert report.customers is None
    assert dataset.customers is not None and dataset.customers.rows == 3 and dataset.link is not None


def test_reopen_reports_progress_up_to_the_end(tmp_path: Path) -> None:
    seen: list[float] = []
    reopen(_project(tmp_path), lambda fraction, message: seen.append(fraction))
    assert seen == sorted(seen) and seen[-1] == 1.0


# --- properties -------------------------------------------------------------------------------------------------

_NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
_OPTIONS = st.builds(
    ImportOptions,
    sheet=st.none() | _NAMES, encoding=st.sampled_from([None, "utf-8", "cp1251", "utf-16", "latin-1"]),
    delimiter=st.sampled_from([None, ";", ",", "\t", "|", " "]), decimal=st.sampled_from([None, ".", ","]),
    thousands=st.sampled_from([None, "", " ", ",", ".", "'"]), header_row=st.none() | st.integers(1, 10_000),
    date_order=st.none() | st.sampled_from(DateOrder),
    column_types=st.dictionaries(_NAMES, st.sampled_from(ColumnType), max_size=4),
    column_roles=st.dictionaries(_NAMES, st.none() | st.sampled_from(Role), max_size=4),
    phone_region=st.sampled_from([r for r, _ in phone_regions()]), orders=st.booleans())


@settings(max_examples=150, deadline=None)
@given(_OPTIONS)
def test_import_options_round_trip(options: ImportOptions) -> None:
    text = json.dumps(options_to_json(options), ensure_ascii=False)
    assert options_from_json(json.loads(text), "options") == options


def _edges(count: int) -> st.SearchStrategy[tuple[float, ...]]:
    numbers = st.floats(0, 1e9, allow_nan=False) | st.integers(0, 10**9)
    return st.lists(numbers, min_size=count, max_size=count, unique=True).map(lambda xs: tuple(sorted(xs)))


@st.composite
def _rfm_settings(draw: st.DrawFn) -> RfmSettings:
    bins = draw(st.sampled_from([3, 4, 5]))
    new = draw(st.integers(1, 500))
    active = draw(st.integers(new, 1000))
    lifecycle = LifecycleThresholds(new, active, draw(st.integers(active + 1, 5000)))
    thresholds = Thresholds(draw(_edges(bins - 1)), draw(_edges(bins - 1)), draw(_edges(bins - 1)))
    return RfmSettings(None, bins, draw(st.sampled_from(ScoreMode)), thresholds, draw(st.sampled_from([RF10, RFM11])),
                       lifecycle)


@settings(max_examples=150, deadline=None)
@given(_rfm_settings())
def test_rfm_settings_round_trip(rfm: RfmSettings) -> None:
    assert rfm_from_json(json.loads(json.dumps(rfm_to_json(rfm))), "rfm") == rfm


# --- frozen samples of every released version -------------------------------------------------------------------
# NEVER EDIT tests/data/project_v1.segdesk (nor the sources it names): it is a file version 1 of segdesk wrote, and
# every later segdesk must still open it. When VERSION changes, add tests/data/project_v2.segdesk (saved by the new
# version, with its sources) and a test like this one for it; keep this one as it is.


def test_the_version_1_sample_loads_forever() -> None:
    project = load_project(DATA / "project_v1.segdesk")
    assert project.as_of == dt.date(2024, 1, 1)
    assert project.segments.names() == ["Book lovers", "Moscow best", "Drifting away"]
    assert (project.segments.holdout, project.segments.seed) == (10.0, 42)
    assert not project.segments.segments[2].enabled
    books = Group(rules=(Condition("Category", Operator.EQ, "Books"),))
    assert project.segments.segments[0].rule == Group(rules=(
        OrderCondition(Aggregate.COUNT, Operator.GE, 2, books, Period(12, Unit.MONTHS)),
        Condition("email_consent", Operator.IS_TRUE)))
    assert project.export.preset == "my_crm" and project.export.custom_presets[0].columns[0] == ColumnSpec(
        Source.ROLE, "email", "E-mail")
    assert project.export.segments == ("Book lovers", "Moscow best")
    assert (project.rfm.bins, project.rfm.mode, project.rfm.rfm_map.key) == (4, ScoreMode.FIXED, "three_groups")
    assert project.rfm.thresholds.monetary == (50, 150, 400)
    assert project.order_mapping == OrderMapping("Customer", "Date", "Total", "Order", "Item", "Category")
    assert project.link_by == Role.EMAIL
    assert project.customers is not None and project.customers.path == DATA / "project_v1" / "customers.csv"
    assert project.customers.options.date_order == DateOrder.DMY
    assert project.customers.options.column_roles["Signed up"] == Role.SIGNUP_DATE


def test_the_version_1_sample_reopens_and_segments() -> None:
    project = load_project(DATA / "project_v1.segdesk")
    dataset, report = reopen(project)
    # Not "changed": a checkout that rewrites line ends changes the bytes but not the table.
    for change, rows in ((report.customers, 8), (report.orders, 12)):
        assert change is not None and (change.rows_then, change.rows_now) == (rows, rows)
        assert not (change.missing_columns or change.new_columns or change.dropped_types or change.broken_mapping)
    assert dataset.customers is not None and dataset.orders is not None and dataset.link is not None
    assert dataset.link.linked == 12
    rfm, _, derived = derived_fields(dataset.customers, dataset.orders, dataset.link, dataset.mapping, project.as_of,
                                     project.rfm)
    assert rfm.as_of is not None
    result = assign(project.segments, RuleData(dataset.customers, rfm.as_of, derived, dataset.orders, dataset.link,
                                               dataset.mapping))
    assert [s.name for s in result.stats] == project.segments.names()


def test_sources_name_their_saved_columns() -> None:
    ref = load_project(DATA / "project_v1.segdesk").orders
    assert isinstance(ref, SourceRef) and ref.columns == ("Order", "Customer", "Date", "Total", "Item", "Category")
