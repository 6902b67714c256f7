"""Column roles from header names (Russian, English, Croatian) and, failing that, from the values."""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.io.table import ColumnType, Role

# Headers are compared after _normalise(): lower case, ё→е, punctuation and spaces collapsed to one space.
# Exact names first; then words that, found anywhere in a header, give the role. Order matters:
# "дата последней покупки" must win over "дата".
_EXACT: dict[Role, tuple[str, ...]] = {
    Role.CUSTOMER_ID: ("id", "код", "код клиента", "customer id", "client id", "customer code", "клиент id",
                       "id клиента", "номер клиента", "шифр", "sifra", "šifra", "šifra kupca", "id kupca",
                       "customer", "customer key", "customer_code", "client code", "kod", "customer number",
                       "contact id", "номер карты", "карта", "card", "card number", "broj kartice",
                       "kundennummer", "kunden nr", "kundennr", "numéro client", "n client", "id client", "record id",
                       "contact record id"),
    Role.EMAIL: ("email", "e mail", "почта", "эл почта", "электронная почта", "email address", "e mail address",
                 "адрес электронной почты", "mail", "e posta", "e pošta", "adresa e pošte", "e mail adresse",
                 "courriel", "adresse e mail", "adresse email"),
    Role.PHONE: ("phone", "телефон", "тел", "мобильный", "мобильный телефон", "mobile", "phone number",
                 "telefon", "mobitel", "broj telefona", "номер телефона", "cell", "tel", "mob", "mob tel", "gsm",
                 "handy", "mobil", "mobilnummer", "telefonnummer", "téléphone", "portable", "numéro de téléphone"),
    Role.FIRST_NAME: ("first name", "firstname", "given name", "имя", "ime", "fname", "vorname", "prénom",
                      "prenom"),
    Role.LAST_NAME: ("last name", "lastname", "surname", "family name", "фамилия", "prezime", "lname", "nachname",
                     "familienname", "nom", "nom de famille"),
    Role.FULL_NAME: ("name", "full name", "фио", "ф и о", "имя и фамилия", "клиент", "покупатель",
                     "контакт", "contact", "client", "customer name", "ime i prezime", "kupac", "naziv kupca",
                     "наименование", "контрагент", "наименование контрагента", "заказчик"),
    Role.CITY: ("city", "город", "grad", "mjesto", "населенный пункт", "town", "stadt", "ort", "wohnort", "ville"),
    Role.COUNTRY: ("country", "страна", "država", "drzava", "land", "pays"),
    Role.GENDER: ("gender", "sex", "пол", "spol", "geschlecht", "sexe", "genre"),
    Role.TAGS: ("tags", "теги", "метки", "tag", "oznake", "labels"),
    Role.COMPANY: ("company", "компания", "организация", "tvrtka", "poduzeće", "firma", "фирма", "employer",
                   "unternehmen", "société", "entreprise"),
    Role.INDUSTRY: ("industry", "отрасль", "сфера", "industrija", "djelatnost", "сфера деятельности"),
    Role.ORDER_ID: ("order id", "order", "order number", "номер заказа", "заказ", "id заказа", "чек", "номер чека",
                    "broj narudžbe", "narudžba", "invoice", "receipt", "transaction id", "документ",
                    "номер документа", "номер накладной", "накладная", "номер чека продажи", "order no",
                    "order #"),
    Role.PRODUCT: ("product", "товар", "наименование товара", "proizvod", "artikl", "item", "sku", "номенклатура",
                   "product name"),
    Role.PRODUCT_CATEGORY: ("category", "категория", "kategorija", "product category", "группа товаров",
                            "группа", "раздел"),
}
_CONTAINS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    (Role.SMS_CONSENT, ("sms",)),
    (Role.EMAIL_CONSENT, ("согласие на рассылку", "email consent", "email opt in", "подписка", "рассылк",
                          "newsletter", "subscribed", "accepts email", "accepts marketing", "privola",
                          "suglasnost", "pristanak", "marketing consent", "email подписка", "согласие на email",
                          "opt in", "einwilligung", "consentement", "consent")),
    (Role.BIRTH_DATE, ("дата рождения", "день рождения", "birth", "dob", "рожд", "datum rođenja", "rođendan",
                       "rodjen", "roden", "rođen", "geburt", "naissance")),
    (Role.SIGNUP_DATE, ("регистрац", "signup", "sign up", "created", "create date", "date created", "joined",
                        "дата создания", "registr",
                        "customer since", "datum registracije", "first seen",
                        "kunde seit", "client depuis", "inscription")),
    (Role.LAST_PURCHASE_DATE, ("последн", "last purchase", "last order", "zadnja kupnja", "last seen",
                               "posljednja kupnja", "дата покупки", "zadnje kupnje", "posljednje kupnje",
                               "zadnja narudžba", "zadnje narudžbe", "letzte bestellung", "letzter kauf",
                               "dernier achat", "dernière commande")),
    (Role.ORDERS_COUNT, ("количество заказов", "кол во заказов", "число заказов", "orders count", "number of orders",
                         "total orders",
                         "order count", "broj narudžbi", "количество покупок", "число покупок", "кол во покупок",
                         "number of purchases", "frequency", "broj kupnji", "broj kupovina",
                         "broj narudzbi", "anzahl bestellungen", "nombre de commandes")),
    (Role.TOTAL_SPENT, ("сумма покупок", "total spent", "ltv", "lifetime value", "выручка", "оборот",
                        "сумма заказов", "spent", "ukupno potrošeno", "ukupan iznos", "promet", "potrošeno", "revenue",
                        "total sales", "umsatz", "chiffre d affaires", "montant total", "total", "сумма")),
    (Role.ORDERS_COUNT, ("orders", "purchases", "заказов", "покупок")),
    (Role.ORDER_DATE, ("order date", "дата заказа", "дата чека", "дата продажи", "datum narudžbe", "purchase date",
                       "дата", "date", "datum", "paid at", "processed at")),
    (Role.PRODUCT, ("lineitem name", "item name", "product name", "product title", "наименование товара",
                    "номенклатура", "naziv proizvoda", "naziv artikla")),
    (Role.AMOUNT, ("amount", "сумма", "iznos", "price", "стоимость", "цена", "total", "sum", "value", "betrag",
                   "umsatz", "montant")),
    (Role.CUSTOMER_ID, ("customer id", "client id", "код клиента", "id клиента", "customer code", "customer_id")),
    (Role.EMAIL, ("email", "e mail", "почта")),
    (Role.PHONE, ("телефон", "phone", "mobile", "telefon")),
)

# In an order log a bare "Id" is the line's or the order's, and "Created at" is when the order was placed.
_ORDER_EXACT = {"id": Role.ORDER_ID, "created at": Role.ORDER_DATE, "дата создания": Role.ORDER_DATE,
                "created": Role.ORDER_DATE, "date created": Role.ORDER_DATE, "placed at": Role.ORDER_DATE,
                "order created": Role.ORDER_DATE}
_NUMBERED_CUSTOMER = re.compile(r"^\s*(?:cust(?:omer)?|client|kunden?|клиент)\s*(?:#|№|no\.?|nr\.?|num(?:ber)?)\s*$",
                                re.IGNORECASE)
_OPT_OUT = re.compile(r"unsubscri|opt[\s_-]*out|opted[\s_-]*out|отпис|odjav|abgemeldet|abmeld|désabonn|desinscri",
                      re.IGNORECASE)
# The customer as CRMs and accounting exports name it before a field ("Контакт: Имя", "Client: Email").
_CUSTOMER_ENTITIES = frozenset({"контакт", "клиент", "контрагент", "покупатель", "заказчик", "компания", "contact",
                                "customer", "client", "buyer", "company", "billing", "shipping", "delivery",
                                "доставка", "получатель", "kupac", "klijent", "kontakt", "kunde"})
_NAMES_ITSELF = re.compile(r"номер|код|\bid\b|name|назв|наимен|number|\bno\b|title|naziv|broj|šifra|sifra|\bnr\b")
# What only the customer's own fields say: an entity's field with one of these roles is the customer's or nobody's.
_WHO = frozenset({Role.CUSTOMER_ID, Role.EMAIL, Role.PHONE, Role.FIRST_NAME, Role.LAST_NAME, Role.FULL_NAME})
_ALL_EXACT = frozenset(name for names in _EXACT.values() for name in names)
_EMAILISH = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
_PHONEISH = r"^\+?[\d\s().\-]{7,20}$"
_GENDERS = {"m", "f", "male", "female", "м", "ж", "муж", "жен", "мужской", "женский", "ž", "muški", "ženski", "z"}
DATE_ROLES = frozenset({Role.BIRTH_DATE, Role.SIGNUP_DATE, Role.LAST_PURCHASE_DATE, Role.ORDER_DATE})
_NUMBER_ROLES = {Role.TOTAL_SPENT, Role.ORDERS_COUNT, Role.AMOUNT}


def _normalise(header: str) -> str:
    h = header.casefold().replace("ё", "е").replace("_", " ")
    return " ".join(re.sub(r"[^\w\s]", " ", h).split())


def role_from_header(header: str, orders: bool = False) -> Role | None:
    """The role a header name names, or None. ``orders`` favours order-log meanings of "date" and "sum".

    A CRM's "Контакт: Имя" (an entity, a colon, a field) is read by its field. Another entity's fields
    ("Сделка: ID", "Ответственный: Email") are never the customer's id, email, phone or name; a field that
    names nothing leaves the whole header to decide ("Total spent: RUB"), then the entity ("Заказ: Номер").
    """
    if _NUMBERED_CUSTOMER.match(header):
        return Role.CUSTOMER_ID  # "Cust #", "Customer No.": a number, where "Customer" alone is a name
    if _OPT_OUT.search(header):
        return None  # "Unsubscribed from all email" is a consent read backwards: no role rather than a wrong one
    entity, colon, field = header.rpartition(":")
    if colon and entity.strip() and field.strip():
        owner = _normalise(entity)
        foreign = owner not in _CUSTOMER_ENTITIES
        role = role_from_header(field, orders)
        if role in _WHO and foreign:
            return None  # the deal's id, the manager's email: not the customer's
        if role is not None:
            return role
        whole = _header_role(_normalise(header), orders)
        if whole is not None and not (whole in _WHO and foreign):
            return whole
        # the entity's own number or name ("Заказ: Номер", "Компания: Название"), not its address or manager
        if owner in _ALL_EXACT and _NAMES_ITSELF.search(_normalise(field)):
            return _header_role(owner, orders)
        return None
    return _header_role(_normalise(header), orders)


def _header_role(h: str, orders: bool) -> Role | None:
    """The role a normalised header names, by its exact name, then by the words in it."""
    if not h:
        return None
    if orders and h in _ORDER_EXACT:
        return _ORDER_EXACT[h]
    for role, names in _EXACT.items():
        if h in names:
            return role
    for role, words in _CONTAINS:
        if role in {Role.ORDER_DATE, Role.AMOUNT} and not orders:
            continue
        if any(w in h for w in words):
            if orders and role == Role.SIGNUP_DATE:
                return None  # a customer's signup date in an order log is no order date
            if orders and role in {Role.ORDERS_COUNT, Role.TOTAL_SPENT, Role.LAST_PURCHASE_DATE}:
                continue
            return role
    return None


_DATE_WORD = re.compile(r"date|дата|datum|dob|birth|рожд|rođ|rodj|roden|geburt|naissance|created|joined|signup|"
                        r"sign up|registered|регистрац|last purchase|last order|последн|zadnj|posljednj", re.IGNORECASE)
_COUNT_WORD = re.compile(r"days|\bдн(?:ей|я)\b|номер|number|count|количеств|№|#|\bno\b|\bage\b|возраст|сумм|amount|"
                         r"total|spent|\bsum\b|iznos|price|цена", re.IGNORECASE)


def names_a_date(header: str) -> bool:
    """Whether a header says its column holds dates ("Дата регистрации"), not a number about them ("Номер
    регистрации", "Days since last purchase"): only such a column's plain numbers are read as Excel serial days."""
    return bool(_DATE_WORD.search(header)) and not _COUNT_WORD.search(header)


def fits_type(role: Role, type_: ColumnType) -> bool:
    """Whether a column of this type can carry this role (a date role needs dates, and so on)."""
    if role in DATE_ROLES:
        return type_ == ColumnType.DATE
    if role in _NUMBER_ROLES:
        return type_ in {ColumnType.NUMBER, ColumnType.INTEGER}
    if role in {Role.EMAIL_CONSENT, Role.SMS_CONSENT}:
        return type_ in {ColumnType.BOOLEAN, ColumnType.TEXT, ColumnType.CATEGORY}
    if role in {Role.EMAIL, Role.PHONE, Role.FIRST_NAME, Role.LAST_NAME, Role.FULL_NAME}:
        return type_ in {ColumnType.TEXT, ColumnType.CATEGORY} or role == Role.PHONE and type_ == ColumnType.INTEGER
    return True


# Headers that name a role but a lesser column of it: a unit price, a subtotal or a tax beside the total; the
# date an order was paid or shipped beside the one it was placed.
_LESSER_AMOUNT = re.compile(r"price|subtotal|discount|tax|shipping|quantity|qty|цена|стоимость|скидк|налог|доставк",
                            re.IGNORECASE)
_LESSER_DATE = re.compile(r"paid|fulfil|shipped|cancel|refund|updated|оплат|отгруз", re.IGNORECASE)


def preference(role: Role, header: str, type_: ColumnType) -> int:
    """How well a column named ``header`` of ``type_`` suits ``role`` among columns named for it (higher wins):
    a product is named, not numbered ("Item Name" over "Item #"); a unit price or a payment date is a lesser
    amount or date."""
    if role == Role.PRODUCT and type_ not in {ColumnType.TEXT, ColumnType.CATEGORY}:
        return 0
    if role in {Role.AMOUNT, Role.TOTAL_SPENT}:
        return 0 if _LESSER_AMOUNT.search(header) else 1
    return 0 if role == Role.ORDER_DATE and _LESSER_DATE.search(header) else 1


def value_share(role: Role, sample: pa.Array | None) -> float:
    """The share of a column's sample cells that look like what ``role`` holds: emails for email, phone numbers
    for phone (a "Телефон подтверждён" of да/нет is no phone column), codes for an id; 1 for other roles."""
    # an id has a digit or no space in it: "C-1003", "1001", not "John Smith"
    pattern = {Role.EMAIL: _EMAILISH, Role.PHONE: _PHONEISH, Role.CUSTOMER_ID: r"\d|^\S+$"}.get(role)
    if pattern is None or sample is None or len(sample) == 0:
        return 1.0
    return _share(pc.cast(sample, pa.string()), pattern)


def _share(text: pa.Array, pattern: str) -> float:
    """The share of ``text``'s cells matching ``pattern`` (RE2)."""
    return (pc.sum(pc.match_substring_regex(text, pattern)).as_py() or 0) / max(len(text), 1)


def role_from_values(sample: pa.Array, type_: ColumnType) -> Role | None:
    """Email, phone or gender columns recognised by what they hold (for headers we don't know)."""
    n = len(sample)
    if n == 0 or type_ not in {ColumnType.TEXT, ColumnType.CATEGORY, ColumnType.INTEGER}:
        return None
    text = pc.cast(sample, pa.string())
    if _share(text, _EMAILISH) >= 0.7:
        return Role.EMAIL
    if _share(text, _PHONEISH) >= 0.8 and _digits_look_like_phones(text):
        return Role.PHONE
    if type_ != ColumnType.INTEGER:
        uniques = {str(v).casefold() for v in pc.unique(text).to_pylist() if v}
        if uniques and uniques <= _GENDERS and len(uniques) <= 4:
            return Role.GENDER
    return None


def _digits_look_like_phones(text: pa.Array) -> bool:
    digits = pc.utf8_length(pc.replace_substring_regex(text, r"\D", ""))
    lengths = pc.and_(pc.greater_equal(digits, 10), pc.less_equal(digits, 15))
    return (pc.sum(lengths).as_py() or 0) >= 0.8 * len(text)
