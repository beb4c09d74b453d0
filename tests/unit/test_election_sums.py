"""Issue 17: election results that add up, in the PDF and the workbook read back (PDFium,
openpyxl) and on both database backends where a service is involved."""

import openpyxl

from models.io.result_export import export_item
from tests.unit.test_result_export import congress, flat, make_election, page_texts  # noqa: F401


def test_a_write_in_row_shows_no_abstain_count(congress, tmp_path):  # noqa: F811
    item = make_election(congress)
    result = export_item(congress, item.number, pdf=tmp_path / "e.pdf", xlsx=tmp_path / "e.xlsx")
    votes = list(openpyxl.load_workbook(result.xlsx)["得票"].iter_rows(values_only=True))
    assert votes[0][4] == "弃权"
    assert votes[6][:5] == ("另选他人", "孙八", 1, 0, None)
    assert isinstance(votes[5][4], int)  # a formal candidate keeps its 弃权
    text = flat("".join(page_texts(result.pdf)))
    assert "另选他人孙八10—未当选" in text
