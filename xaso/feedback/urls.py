from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.submission_form, name="form"),
    path("da-gui/<str:code>/", views.submission_thanks, name="thanks"),
    path("tra-cuu/", views.submission_track, name="track"),
]
