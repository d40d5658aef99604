from django.urls import path

from .views import public

app_name = "ratings"

urlpatterns = [path("", public.rate, name="rate")]
