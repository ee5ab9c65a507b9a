"""Broken schedule files give one clear sentence naming the file, the record and the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from roundup_editor.cli import main
from roundup_editor.importers import AgendaError, load_schedule

AGENDAS = Path(__file__).resolve().parents[1] / "data" / "agendas"


def _pretalx(tmp_path: Path, change: Any) -> Path:
    data = json.loads((AGENDAS / "hocd-2025-schedule.json").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "broken-schedule.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _first_event(data: dict[str, Any]) -> dict[str, Any]:
    event: dict[str, Any] = data["schedule"]["conference"]["days"][0]["rooms"]["Main Hall"][1]
    return event


def test_pretalx_bad_start_names_file_event_and_field(tmp_path: Path) -> None:
    """A start that is not a time is reported with the event's place, title and the field."""
    path = _pretalx(tmp_path, lambda data: _first_event(data).update(start="half past nine"))
    with pytest.raises(AgendaError) as caught:
        load_schedule("pretalx", path)
    message = str(caught.value)
    assert message.startswith('broken-schedule.json: in event 2 in room "Main Hall" of day 1')
    assert '("Networking for People Who Hate Networking")' in message
    assert 'the field "start" is not a time like 10:30' in message
    assert message.count(".") >= 1 and "\n" not in message


def test_pretalx_missing_title_and_persons_shape(tmp_path: Path) -> None:
    """A missing title and a persons value that is not a list are named."""
    path = _pretalx(tmp_path, lambda data: _first_event(data).update(title=""))
    with pytest.raises(AgendaError, match=r'event 2 .* the field "title" is missing or empty'):
        load_schedule("pretalx", path)
    path = _pretalx(tmp_path, lambda data: _first_event(data).update(persons="Élodie"))
    with pytest.raises(AgendaError, match=r'the field "persons" is not a list'):
        load_schedule("pretalx", path)
    path = _pretalx(tmp_path, lambda data: data["schedule"].pop("conference"))
    with pytest.raises(AgendaError, match=r'in the schedule, the field "conference" is missing'):
        load_schedule("pretalx", path)


def test_not_json_and_not_xml(tmp_path: Path) -> None:
    """Syntax errors give the file name and the line."""
    bad = tmp_path / "schedule.json"
    bad.write_text('{"schedule": {', encoding="utf-8")
    with pytest.raises(AgendaError, match=r"schedule\.json is not valid JSON \(line 1"):
        load_schedule("pretalx", bad)
    xml = tmp_path / "schedule.xml"
    xml.write_text("<schedule><day></schedule>", encoding="utf-8")
    with pytest.raises(AgendaError, match=r"schedule\.xml is not valid XML \(line 1"):
        load_schedule("frab-xml", xml)
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<!DOCTYPE s [<!ENTITY a "aaaa">]><schedule>&a;</schedule>', encoding="utf-8")
    with pytest.raises(AgendaError, match="declares XML entities"):
        load_schedule("frab-xml", bomb)


def test_frab_xml_event_without_title(tmp_path: Path) -> None:
    """An XML event without a title is named by its place in the schedule."""
    text = (AGENDAS / "hocd-2025-schedule.xml").read_text(encoding="utf-8")
    path = tmp_path / "schedule.xml"
    path.write_text(text.replace("<title>Lunch</title>", "<title></title>"), encoding="utf-8")
    with pytest.raises(AgendaError) as caught:
        load_schedule("frab-xml", path)
    assert str(caught.value) == (
        'schedule.xml: in event 1 in room "Main Hall" of day 1, '
        'the field "title" is missing or empty.'
    )


def test_sessionize_unknown_speaker(tmp_path: Path) -> None:
    """A session naming a speaker the file does not have is reported."""
    data = json.loads((AGENDAS / "kps-2025-sessionize-all.json").read_text(encoding="utf-8"))
    data["sessions"][0]["speakers"].append("no-such-speaker")
    path = tmp_path / "all.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AgendaError) as caught:
        load_schedule("sessionize", path)
    assert str(caught.value) == (
        'all.json: in session 1 ("Edge Clusters on a Shoestring"), the field "speakers" '
        "names speaker no-such-speaker, who is not in the file."
    )


def test_csv_unknown_column_and_bad_cells(tmp_path: Path) -> None:
    """Unknown columns, misaligned organisations and non-links are named with the row."""
    path = tmp_path / "agenda.csv"
    path.write_text("Title,Speeker\nA talk,Ann Example\n", encoding="utf-8")
    with pytest.raises(AgendaError) as caught:
        load_schedule("csv", path)
    assert str(caught.value).startswith(
        'agenda.csv: in the header row, the field "Speeker" is not a known column (known: id, title'
    )
    path.write_text("title,speakers,organisations\nA talk,Ann; Bob; Cy,One; Two\n", "utf-8")
    with pytest.raises(AgendaError, match=r'row 2 \("A talk"\), the field "organisations" has 2'):
        load_schedule("csv", path)
    path.write_text("title,speakers,slides\nA talk,Ann,ftp://example.org/deck\n", "utf-8")
    with pytest.raises(AgendaError, match=r'the field "slides" is not an http\(s\) link'):
        load_schedule("csv", path)
    path.write_text("speakers\nAnn\n", "utf-8")
    with pytest.raises(AgendaError, match=r'in the header row, the field "title" is missing'):
        load_schedule("csv", path)


def test_cli_reports_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line prints the sentence on stderr and exits with status 2."""
    path = tmp_path / "agenda.csv"
    path.write_text("Title,Speeker\nA talk,Ann\n", encoding="utf-8")
    assert main(["import", "csv", str(path), "--out", str(tmp_path / "post")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and 'the field "Speeker" is not a known column' in err
    assert not (tmp_path / "post").exists()
    assert main(["import", "ical", str(path), "--out", str(tmp_path / "post")]) == 2
    assert "'ical' is not an import format" in capsys.readouterr().err
    assert main(["import", "csv", str(tmp_path / "absent.csv"), "--out", str(tmp_path)]) == 2
    assert "absent.csv does not exist" in capsys.readouterr().err


def test_frab_xml_bad_start(tmp_path: Path) -> None:
    """A start that is not a time is an error even when the event's date has one."""
    text = (AGENDAS / "hocd-2025-schedule.xml").read_text(encoding="utf-8")
    path = tmp_path / "schedule.xml"
    path.write_text(text.replace("<start>12:30</start>", "<start>noon</start>"), encoding="utf-8")
    with pytest.raises(AgendaError, match=r'\("Lunch"\), the field "start" is not a time'):
        load_schedule("frab-xml", path)
