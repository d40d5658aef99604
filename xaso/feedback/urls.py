from django.urls import path

from . import views, views_privacy

app_name = "feedback"

urlpatterns = [
    path("", views.submission_form, name="form"),
    path("da-gui/<str:code>/", views.submission_thanks, name="thanks"),
    path("tra-cuu/", views.submission_track, name="track"),
    path("du-lieu-ca-nhan/", views_privacy.privacy_request, name="privacy"),
]
