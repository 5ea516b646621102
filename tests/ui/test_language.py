"""Switching the interface between English and Uzbek."""

from tests.ui.conftest import finished_job, logged_in, new_app


def test_language_login_form(store):
    at = new_app(lang="uz")
    at.run()
    assert [item.label for item in at.text_input] == ["Foydalanuvchi nomi", "Parol"]


def test_language_switch_pages(store):
    job = finished_job(store)
    at = logged_in(page="review", job_id=job.id)
    at.run()
    assert at.header[0].value == "Review the results"
    at.selectbox(key="lang").set_value("uz")
    at.run()
    assert not at.exception
    assert at.header[0].value == "Natijalarni koʻrib chiqish"
    assert [metric.label for metric in at.metric] == [
        "Mos kelganlar", "Koʻrib chiqish uchun", "1-faylda mos kelmaganlar", "2-faylda mos kelmaganlar"]
    assert at.radio(key="page@uz").options[0] == "1. Fayllarni yuklash"
    assert at.radio(key="page@uz").value == "review"


def test_reload_keeps_page_and_language(store):
    at = logged_in()
    at.query_params["page"] = "jobs"
    at.query_params["lang"] = "uz"
    at.run()
    assert not at.exception
    assert at.header[0].value == "Vazifalar va yuklab olish"

    at.radio(key="page@uz").set_value("upload")
    at.selectbox(key="lang").set_value("en")
    at.run()
    assert at.query_params["page"] == "upload"
    assert at.query_params["lang"] == "en"


def test_unknown_address_values_fall_back(store):
    at = logged_in()
    at.query_params["page"] = "../admin"
    at.query_params["lang"] = "xx"
    at.run()
    assert not at.exception
    assert at.header[0].value == "Upload two files to match"
