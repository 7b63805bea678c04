"""One definition of a Chinese word character for every layer."""

from report_copilot.model.script import cjk_count, has_cjk


def test_counts_ideographs_only() -> None:
    assert cjk_count("收到申请72件，（一）予以公开。ABC１２") == 10  # 收到申请 件 一 予以公开
    assert cjk_count("，。、（）【】１２ab") == 0


def test_has_cjk() -> None:
    assert has_cjk("yunxi-2023年")
    assert not has_cjk("yunxi-2023.html")


def test_lookalike_radicals_fold_to_their_ideographs() -> None:
    from report_copilot.model.script import fold_radicals

    assert fold_radicals("固原市人⺠政府办公室部⻔同比增⻓") == "固原市人民政府办公室部门同比增长"
    assert fold_radicals("⼀、总体情况：⼈⺠⽇报") == "一、总体情况：人民日报"  # Kangxi radicals too
    assert fold_radicals("⺅⻖") == "⺅⻖"  # radicals that only stand inside a character stay as printed
