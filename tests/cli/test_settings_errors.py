import os

import pytest

from tests.cli.helpers import moslik


@pytest.mark.parametrize("variable,value,fragment", [
    ("MOSLIK_ENV", "prod", "'development', 'test' or 'production'"),
    ("MOSLIK_RATE_LIMIT_DEFAULT", "lots", "N/period"),
    ("MOSLIK_MAX_UPLOAD_MB", "huge", "valid integer"),
], ids=["env", "rate limit", "upload size"])
def test_bad_setting_named_without_traceback(tmp_path, variable, value, fragment):
    env = {**os.environ, "MOSLIK_DATA_DIR": str(tmp_path), variable: value}
    result = moslik("users", "list", env=env)
    assert result.returncode == 2
    assert f"{variable}={value!r}" in result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
