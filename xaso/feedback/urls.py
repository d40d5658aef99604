from django.urls import path

from .views import privacy, public

app_name = "feedback"

urlpatterns = [
    path("", public.submission_form, name="form"),
    path("da-gui/<str:code>/", public.submission_thanks, name="thanks"),
    path("tra-cuu/", public.submission_track, name="track"),
    path("du-lieu-ca-nhan/", privacy.privacy_request, name="privacy"),
]
