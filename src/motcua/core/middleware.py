"""Vietnamese first: a visitor gets Vietnamese unless they chose another language on the site.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an English-configured phone
would see English pages by default; for a Vietnamese public service the choice must be the person's own
(the language button sets the cookie)."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
