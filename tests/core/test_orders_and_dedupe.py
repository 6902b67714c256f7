"""Order logs linked to customers; duplicate customers merged."""

from __future__ import annotations

import pandas as pd
import pytest

from segdesk.core.errors import InputError
from segdesk.core.io import ImportOptions, Role, read_table
from segdesk.core.model.dedupe import apply_merge, plan_merge, relink_after_merge
from segdesk.core.model.orders import OrderMapping, customers_from_orders, link_orders, suggest_order_mapping

CUSTOMERS = ("Код клиента;Имя;E-mail;Телефон\n"
             "000123;Анна;anna@mail.ru;+7 912 345-67-89\n"
             "000124;Борис;boris@mail.ru;8 (912) 000-11-22\n"
             "000125;Вера;;\n")
ORDERS = ("order_id,customer_code,order_date,amount,category\n"
          "A1,123,2025-01-01,10.5,Kids\nA1,123,2025-01-01,4.5,Kids\nA2,000124,2025-02-01,20,Home\n"
          "A3,999,2025-02-03,7,Home\n")


@pytest.fixture
def tables(write):
    customers = read_table(write("c.csv", CUSTOMERS, "cp1251"))
    orders = read_table(write("o.csv", ORDERS), ImportOptions(orders=True))
    return customers, orders


def test_mapping_is_suggested_from_roles(tables):
    _, orders = tables
    assert suggest_order_mapping(orders) == OrderMapping("customer_code", "order_date", "amount", "order_id", None,
                                                         "category")


def test_orders_link_by_id_ignoring_leading_zeros(tables):
    customers, orders = tables
    link = link_orders(customers, orders, suggest_order_mapping(orders))
    assert link.link_by == Role.CUSTOMER_ID
    assert link.customer_pos.tolist() == [0, 0, 1, -1]
    assert link.unknown.count == 1 and link.unknown.rows == (5,)


def test_orders_link_by_email_and_phone(write, tables):
    customers, _ = tables
    orders = read_table(write("e.csv", "email,date,sum\nANNA@mail.ru ,2025-01-01,1\nx@y.ru,2025-01-02,2\n"),
                        ImportOptions(orders=True))
    link = link_orders(customers, orders, OrderMapping("email", "date", "sum"))
    assert link.link_by == Role.EMAIL and link.customer_pos.tolist() == [0, -1]
    orders = read_table(write("p.csv", "phone,date,sum\n89123456789,2025-01-01,1\n+79120001122,2025-01-02,2\n"),
                        ImportOptions(orders=True))
    link = link_orders(customers, orders, OrderMapping("phone", "date", "sum"))
    assert link.customer_pos.tolist() == [0, 1]


def test_a_bad_mapping_is_a_clear_error(tables):
    customers, orders = tables
    with pytest.raises(InputError, match="amount"):
        link_orders(customers, orders, OrderMapping("customer_code", "order_date", "category"))
    with pytest.raises(InputError, match="no column"):
        link_orders(customers, orders, OrderMapping("nope", "order_date", "amount"))


def test_customers_from_orders_alone(tables):
    _, orders = tables
    customers = customers_from_orders(orders, suggest_order_mapping(orders))
    by_key = customers.frame.set_index("customer_code")
    assert by_key.loc["123", "orders"] == 1  # two lines of one order
    assert by_key.loc["123", "total spent"] == 15.0
    assert by_key.loc["000124", "last purchase"] == pd.Timestamp("2025-02-01")
    assert customers.rows == 3
    assert customers.column_for(Role.LAST_PURCHASE_DATE) == "last purchase"


def test_duplicates_by_email_then_phone(write):
    text = ("id;email;phone\n1;ann@x.ru;+79123456789\n2; ANN@x.ru;\n3;;8 912 345 67 89\n4;bob@x.ru;\n"
            "5;bad@;+79990000000\n6;;+7 999 000-00-00\n")
    t = read_table(write("d.csv", text))
    plan = plan_merge(t)
    groups = sorted(sorted(g.tolist()) for g in plan.groups)
    assert groups == [[0, 1, 2], [4, 5]]
    merged = apply_merge(t, plan)
    assert merged.rows == 3
    assert merged.frame["id"].tolist() == [1, 4, 5]
    assert merged.frame["phone"].tolist()[0] == "+79123456789"
    assert merged.source_rows.tolist() == [2, 5, 6]
    assert not any(q.kind == "duplicate_email" for q in merged.quality)


def test_no_duplicates_is_a_no_op(write):
    t = read_table(write("n.csv", "id;email\n1;a@x.ru\n2;b@x.ru\n"))
    plan = plan_merge(t)
    assert plan.groups == [] and apply_merge(t, plan) is t


def test_a_group_tied_by_phone_is_labelled_phone_and_findings_shrink(write):
    text = ("id;email;phone\n1;ann@x.ru;+79123456789\n2;other@x.ru;89123456789\n"
            "3;bad@;+79990000000\n4;bad2@;+79990000000\n")
    t = read_table(write("p.csv", text))
    plan = plan_merge(t)
    # ann and other share a phone but each has an email of their own: two contacts, not one.
    assert [sorted(g.tolist()) for g in plan.groups] == [[2, 3]]
    assert plan.by == ["phone"] and plan.shared == ["+79990000000"]
    invalid = next(q for q in t.quality if q.kind == "invalid_email")
    assert invalid.count == 2
    merged = apply_merge(t, plan)
    invalid = next(q for q in merged.quality if q.kind == "invalid_email")
    assert invalid.count == 1 and invalid.rows == (4,)
    assert merged.frame["email"].tolist() == ["ann@x.ru", "other@x.ru", "bad@"]


def test_people_sharing_a_phone_are_never_chained_into_one(write):
    # A family's landline and an office number link four rows in a chain; only Olga is listed twice.
    text = ("id,name,email,phone\n1,Ivan,ivan@mail.ru,+7 916 111-22-33\n2,Olga,olga@mail.ru,+7 916 111-22-33\n"
            "3,Olga P.,olga@mail.ru,+7 903 555-66-77\n4,Manager,manager@shop.ru,+7 903 555-66-77\n")
    plan = plan_merge(read_table(write("family.csv", text)))
    assert [g.tolist() for g in plan.groups] == [[1, 2]]
    assert plan.by == ["email"]


def test_a_row_without_email_joins_the_one_email_that_uses_its_phone(write):
    text = ("id;email;phone\n1;ann@x.ru;+79123456789\n2;;8 912 345 67 89\n"  # only ann uses this phone
            "3;ivan@x.ru;+79160000000\n4;olga@x.ru;+79160000000\n5;;8 916 000 00 00\n"  # a shared phone
            "6;;+79995554433\n7;bad@;+7 999 555-44-33\n")  # no email at all: the phone decides
    plan = plan_merge(read_table(write("j.csv", text)))
    assert [g.tolist() for g in plan.groups] == [[0, 1], [5, 6]]
    assert plan.by == ["phone", "phone"]


def test_a_row_joining_by_phone_never_costs_the_valid_email(write):
    text = "id;email;phone;city\n1;anna@@x.ru;+79123456789;Kazan\n2;anna@x.ru;89123456789;\n"
    t = read_table(write("k.csv", text))
    plan = plan_merge(t)
    assert [g.tolist() for g in plan.groups] == [[1, 0]]  # the row with the email is kept
    merged = apply_merge(t, plan)
    assert merged.frame["email"].tolist() == ["anna@x.ru"] and merged.derived["email_valid"].tolist() == [True]
    assert merged.frame["city"].tolist() == ["Kazan"]  # its empty cells filled from the row merged into it
    assert merged.source_rows.tolist() == [3]


def test_merging_many_duplicates_is_vectorised(write):
    rows = "".join(f"{i};u{i % 3000}@x.ru;\n" for i in range(9000))
    t = read_table(write("many.csv", "id;email;phone\n" + rows))
    plan = plan_merge(t)
    assert len(plan.groups) == 3000 and set(plan.by) == {"email"}
    merged = apply_merge(t, plan)
    assert merged.rows == 3000
    assert merged.frame["id"].tolist()[:3] == [0, 1, 2]


def test_orders_of_a_merged_away_customer_follow_it(write):
    customers = read_table(write("c.csv", "id;email\n1;ann@x.ru\n2;bob@x.ru\n3;ANN@x.ru\n4;cat@x.ru\n"))
    orders = read_table(write("o.csv", "id,date,sum\n1,2025-01-01,1\n3,2025-01-02,2\n4,2025-01-03,3\n9,2025-01-04,4\n"),
                        ImportOptions(orders=True))
    link = link_orders(customers, orders, OrderMapping("id", "date", "sum"))
    assert link.customer_pos.tolist() == [0, 2, 3, -1]
    plan = plan_merge(customers)
    merged = apply_merge(customers, plan)
    relinked = relink_after_merge(link, customers.rows, plan)
    assert merged.frame["id"].tolist() == [1, 2, 4]
    assert relinked.customer_pos.tolist() == [0, 0, 2, -1]  # customer 3's order now belongs to customer 1
    assert relinked.linked == 3


def test_an_order_log_is_not_flagged_for_a_customer_buying_twice(write):
    text = "order_id,email,order_date,amount\n1,ann@x.ru,2025-01-01,10\n2,ANN@x.ru,2025-02-01,20\n3,bad@,2025-02-02,5\n"
    orders = read_table(write("o.csv", text), ImportOptions(orders=True))
    assert [q.kind for q in orders.quality] == ["invalid_email"]
    assert orders.derived["email"].tolist()[:2] == ["ann@x.ru", "ann@x.ru"]  # still normalised for linking
    customers = read_table(write("c.csv", text))  # the same rows as a customer list: one person twice
    assert next(q for q in customers.quality if q.kind == "duplicate_email").rows == (2, 3)


def test_an_order_log_keyed_by_phone_links_its_lines_that_have_only_an_email(write):
    customers = read_table(write("c.csv", "Код;ФИО;Email;Телефон\n1;Иванов;ivan@mail.ru;8 (912) 345-67-89\n"
                                          "2;Сидоров;SIDOROV@gmail.com;\n3;Петрова;m@ya.ru;+7 912 345-67-80\n",
                                 "cp1251"))
    orders = read_table(write("o.csv", "Номер заказа;Дата;Телефон покупателя;Email;Сумма\n"
                                       "ЗК-1;10.01.2023;8 (912) 345-67-89;;1 234,56\n"
                                       "ЗК-2;15.02.2023;+79123456780;;500,00\n"
                                       "ЗК-3;20.03.2023;; sidorov@gmail.com;980,50\n"
                                       "ЗК-4;01.04.2023;89990000000;;100,00\n", "cp1251"), ImportOptions(orders=True))
    mapping = suggest_order_mapping(orders)
    assert mapping is not None and mapping.customer_key == "Телефон покупателя"  # the fuller key column
    link = link_orders(customers, orders, mapping)
    assert link.customer_pos.tolist() == [0, 2, 1, -1]  # ЗК-3 by its email; ЗК-4's phone is nobody's
    assert link.unknown.rows == (5,)


def test_other_entities_fields_are_no_customer_keys_and_a_chosen_link_is_kept(write):
    customers = read_table(write("c.csv", "ID;Наименование;Email\n1;ООО Ромашка;a@x.ru\n2;ИП Сидоров;b@x.ru\n"
                                          "3;АО Лютик;c@x.ru\n"))
    orders = read_table(write("o.csv", "Товар: Код;Сделка: ID;Контрагент: Код;Дата;Сумма;Email\n"
                                       "3;1;1;10.01.2023;100;a@x.ru\n1;2;5;11.01.2023;200;b@x.ru\n"),
                        ImportOptions(orders=True))
    assert orders.column("Сделка: ID").role != Role.CUSTOMER_ID  # the deal's id (an order's, at most)
    assert orders.column("Контрагент: Код").role == Role.CUSTOMER_ID
    mapping = suggest_order_mapping(orders)
    assert mapping is not None and mapping.customer_key == "Контрагент: Код"
    assert link_orders(customers, orders, mapping).customer_pos.tolist() == [0, 1]  # line 2 by its email
    # matching by id was the user's choice: customer 5 is nobody, whatever the line's email says
    assert link_orders(customers, orders, mapping, Role.CUSTOMER_ID).customer_pos.tolist() == [0, -1]


def test_web_shop_order_exports_get_the_mapping_a_user_expects(write):
    shopify = "Name,Email,Paid at,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Id\n" + "".join(
        f"#{1001 + i},a@x.com,2024-03-05 23:22:10 -0800,300.00,2024-03-05 23:22:10 -0800,2,Tee,100.00,550000{i}\n"
        f"#{1001 + i},a@x.com,,,2024-03-05 23:22:10 -0800,1,Mug,100.00,\n" for i in range(5))
    mapping = suggest_order_mapping(read_table(write("s.csv", shopify), ImportOptions(orders=True)))
    assert mapping == OrderMapping("Email", "Created at", "Total", "Name", "Lineitem name")
    woo = "Order Number,Order Date,Email (Billing),Order Subtotal Amount,Order Total Amount,Item #,Item Name\n"
    woo += "".join(f"{2001 + i},2024-03-0{i + 1}T10:00:00Z,ann@ex.com,$1019.98,$1029.98,{j + 1},Widget {j}\n"
                   for i in range(3) for j in range(2))
    orders = read_table(write("w.csv", woo), ImportOptions(orders=True))
    mapping = suggest_order_mapping(orders)
    assert mapping == OrderMapping("Email (Billing)", "Order Date", "Order Total Amount", "Order Number", "Item Name")
    customers = read_table(write("c.csv", "email\nann@ex.com\n"))
    warned = link_orders(customers, orders, mapping).findings  # the order's total on each of its lines
    assert [(f.kind, f.count) for f in warned] == [("repeated_order_total", 6)]



def test_review_cases_of_order_log_mapping_and_linking(write):
    crm = read_table(write("crm.csv", "Заказ: Номер;Заказ: Дата создания;Заказ: Дата оплаты;Заказ: Сумма;"
                                      "Контакт: Телефон;Товар: Название;Товар: Цена\n"
                                      "101;01.02.2024;02.02.2024;1 500,00;+7 912 345-67-89;Чай;500,00\n"
                                      "102;03.02.2024;;700,00;+7 912 345-67-80;Кофе;700,00\n"),
                     ImportOptions(orders=True))
    assert suggest_order_mapping(crm) == OrderMapping("Контакт: Телефон", "Заказ: Дата создания", "Заказ: Сумма",
                                                      "Заказ: Номер", "Товар: Название")
    signup = read_table(write("s.csv", "Email,Signup date,Order date,Amount\na@x.com,2020-01-01,2024-02-01,10\n"),
                        ImportOptions(orders=True))
    assert suggest_order_mapping(signup).date == "Order date"  # a customer's signup date is no order date
    client = read_table(write("cl.csv", "Date,Client,Email,Amount\n2024-02-01,Ann Lee,a@x.com,10\n"),
                        ImportOptions(orders=True))
    assert suggest_order_mapping(client).customer_key == "Email"  # a name is a poor key beside an email
    same = OrderMapping("Email", "Date", "Amount", "Amount")  # one column mapped twice: no traceback
    customers = read_table(write("c.csv", "Email\na@x.com\n"))
    assert link_orders(customers, client, same).customer_pos.tolist() == [0]


def test_customer_columns_of_names_link_by_name_as_before(write):
    customers = read_table(write("c.csv", "Customer,Email\nAnn Lee,a@x.com\nBob Day,b@x.com\n"))
    orders = read_table(write("o.csv", "Customer,Date,Amount\nBob Day,2024-02-01,10\nAnn Lee,2024-02-02,5\n"),
                        ImportOptions(orders=True))
    assert link_orders(customers, orders, suggest_order_mapping(orders)).customer_pos.tolist() == [1, 0]


def test_the_email_fallback_outlives_reading_the_customer_list_again(write):
    from segdesk.core.model.dataset import Dataset, import_customers

    path = write("c.csv", "Код;Email;Телефон\n1;ivan@mail.ru;8 (912) 345-67-89\n2;sid@gmail.com;\n")
    customers = read_table(path)
    orders = read_table(write("o.csv", "Дата;Телефон;Email;Сумма\n10.01.2023;8 (912) 345-67-89;;100\n"
                                       "11.01.2023;;sid@gmail.com;50\n12.01.2023;89990000000;;1\n"),
                        ImportOptions(orders=True))
    mapping = suggest_order_mapping(orders)
    link = link_orders(customers, orders, mapping)
    assert link.customer_pos.tolist() == [0, 1, -1] and link.choice is None  # Auto
    again = import_customers(path, ImportOptions(), Dataset(customers, orders, link, mapping))
    assert again.link is not None and again.link.customer_pos.tolist() == [0, 1, -1]
