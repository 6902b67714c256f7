"""Pure edits of a rule tree: each takes the root group and returns a new one (the tree is frozen), so the
editor's undo keeps old roots as they were. Paths are as in :mod:`segdesk.core.rules.model`."""

from __future__ import annotations

from dataclasses import replace

from segdesk.core.rules.model import Combinator, Group, Path, Rule


def node_at(root: Group, path: Path) -> Rule:
    node: Rule = root
    for i in path:
        if not isinstance(node, Group):
            raise IndexError(path)
        node = node.rules[i]
    return node


def replace_at(root: Group, path: Path, new: Rule) -> Group:
    """``root`` with the node at ``path`` replaced by ``new`` (the root itself must stay a group)."""
    if not path:
        if not isinstance(new, Group):
            raise TypeError("the root of a rule is a group")
        return new
    parent = node_at(root, path[:-1])
    if not isinstance(parent, Group):
        raise IndexError(path)
    rules = list(parent.rules)
    rules[path[-1]] = new
    return replace_at(root, path[:-1], replace(parent, rules=tuple(rules)))


def insert_at(root: Group, group_path: Path, new: Rule, index: int | None = None) -> Group:
    """``new`` added to the group at ``group_path``, at ``index`` (the end when None)."""
    group = node_at(root, group_path)
    if not isinstance(group, Group):
        raise IndexError(group_path)
    rules = list(group.rules)
    rules.insert(len(rules) if index is None else index, new)
    return replace_at(root, group_path, replace(group, rules=tuple(rules)))


def remove_at(root: Group, path: Path) -> Group:
    if not path:
        raise IndexError("the root group cannot be removed")
    parent = node_at(root, path[:-1])
    if not isinstance(parent, Group):
        raise IndexError(path)
    rules = parent.rules[:path[-1]] + parent.rules[path[-1] + 1:]
    return replace_at(root, path[:-1], replace(parent, rules=rules))


def move_within(root: Group, path: Path, to_index: int) -> Group:
    """The node at ``path`` moved to ``to_index`` among its siblings."""
    parent_path = path[:-1]
    node = node_at(root, path)
    return insert_at(remove_at(root, path), parent_path, node, to_index)


def set_combinator(root: Group, group_path: Path, combinator: Combinator) -> Group:
    group = node_at(root, group_path)
    assert isinstance(group, Group)
    return replace_at(root, group_path, replace(group, combinator=combinator))


def set_negated(root: Group, group_path: Path, negated: bool) -> Group:
    group = node_at(root, group_path)
    assert isinstance(group, Group)
    return replace_at(root, group_path, replace(group, negated=negated))


def conditions(root: Group, path: Path = ()) -> list[tuple[Path, Rule]]:
    """Every node below ``root`` with its path, depth first (order-log ``where`` groups are not descended)."""
    found: list[tuple[Path, Rule]] = []
    for i, rule in enumerate(root.rules):
        found.append(((*path, i), rule))
        if isinstance(rule, Group):
            found += conditions(rule, (*path, i))
    return found
