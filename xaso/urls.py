from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from xaso.about import views as about_views
from xaso.core.media import serve_public_media
from xaso.core.views import security_txt
from xaso.portal import views as portal_views
from xaso.search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("tim-kiem/", search_views.search_page, name="search"),
    path("api/v1/search/", search_views.search_api, name="search_api"),
    path("api/v1/search/suggest/", search_views.suggest_api, name="search_suggest"),
    path("api/v1/campaigns/", include("xaso.campaigns.views.api")),
    path("phan-anh/", include("xaso.feedback.urls")),
    path("danh-gia/", include("xaso.ratings.urls")),
    path("so-do-trang/", portal_views.sitemap_html, name="sitemap_html"),
    path("sitemap.xml", sitemap, name="sitemap_xml"),
    path("robots.txt", portal_views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("api/v1/views/<int:page_id>/", portal_views.article_visit, name="article_visit"),
    # English pages for the apparatus and the contacts; the rest of the site is Vietnamese.
    path("en/apparatus/", about_views.apparatus_en, name="about_apparatus_en"),
    path("en/contacts/", about_views.contacts_en, name="about_contacts_en"),
]

if settings.XASO_SERVE_MEDIA and not settings.XASO_S3_BUCKET:
    # Pictures; documents only through /tai-lieu/ above, which checks who may download each.
    # With object storage browsers fetch pictures from the bucket's URL (MEDIA_URL) instead.
    urlpatterns += [
        re_path(r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")), serve_public_media)
    ]

urlpatterns += [path("", include(wagtail_urls))]
