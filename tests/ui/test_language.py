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

