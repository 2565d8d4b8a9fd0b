"""A language declares its parts in language.toml: a missing or misnamed file fails at load."""
import shutil
import tomllib

import pytest

from timeline.lang import LANG_DIR, LanguageDataError, declared_files, load_language


@pytest.fixture
def german(tmp_path):
    folder = tmp_path / "de"
    shutil.copytree(LANG_DIR / "de", folder)
    return folder


def manifest(folder):
    return tomllib.loads((folder / "language.toml").read_text(encoding="utf-8"))


def test_the_german_manifest_names_every_file_of_its_folder():
    language = load_language("de")
    assert {f"{stem}.toml" for stem in language.data} == {p.name for p in LANG_DIR.glob("de/*.toml")}


def test_a_declared_file_that_is_missing_fails(german):
    (german / "tense.toml").unlink()
    with pytest.raises(LanguageDataError, match="missing: tense.toml"):
        declared_files(german, manifest(german))


def test_a_misnamed_file_fails_instead_of_switching_a_feature_off(german):
    (german / "events.toml").rename(german / "event.toml")
    with pytest.raises(LanguageDataError, match="missing: events.toml"):
        declared_files(german, manifest(german))


def test_a_file_no_part_names_fails(german):
    (german / "rules_extra.toml").write_text("[[rule]]\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match="not declared in language.toml: rules_extra.toml"):
        declared_files(german, manifest(german))


def test_a_required_part_left_out_of_the_manifest_fails(german):
    data = manifest(german)
    del data["parts"]["merging"]
    with pytest.raises(LanguageDataError, match=r"missing parts \['merging'\]"):
        declared_files(german, data)
