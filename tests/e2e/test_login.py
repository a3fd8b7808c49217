import re

from tests.e2e.conftest import check_accessibility, log_in


def test_each_role_logs_in_in_the_browser_and_lands_on_an_accessible_start_page(page, e2e_users):
    for key, expected in [("coordinator", r"/casussen/$"), ("gedrag", r"/aanmelding/school/$")]:
        log_in(page, e2e_users[key].username)
        assert re.search(expected, page.url), page.url
        check_accessibility(page)
        page.get_by_role("button", name=re.compile(str(e2e_users[key]))).click()
        page.get_by_role("button", name="Uitloggen").click()
        page.wait_for_url(re.compile(r"/account/login/"))
