"""The WSGI entry point for a web server (gunicorn, uWSGI, mod_wsgi).

It marks the process as serving before the settings load, so that a server is never run on
a secret key generated into a file (SECRET_KEY must be given unless DEBUG is on).
"""

import os

from django.core.wsgi import get_wsgi_application

from jsw import bootstrap

bootstrap.mark_serving()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jsw.settings")
application = get_wsgi_application()
