from seer.lru import LRU


def test_the_least_recently_used_goes_first():
    c: LRU[str, int] = LRU(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.get("a") == 1  # a is now the newer
    c.put("c", 3)
    assert (c.get("a"), c.get("b"), c.get("c"), len(c)) == (1, None, 3, 2)
    c.size = 0  # at least one entry is always kept
    c.put("d", 4)
    assert (len(c), c.get("d")) == (1, 4)
