from django.urls import path

from peercircle.accounts import views

app_name = "accounts"

urlpatterns = [
    path("me/profile/", views.profile_edit, name="profile_edit"),
    path("me/privacy/", views.privacy, name="privacy"),
    path("me/privacy/consents/<slug:kind>/", views.consent_change, name="consent_change"),
    path("me/privacy/export/", views.export_data, name="export"),
    path("me/delete/", views.delete_account, name="delete"),
    path("me/tokens/", views.tokens, name="tokens"),
    path("me/tokens/<int:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("people/<uuid:public_id>/", views.person_detail, name="person"),
]
