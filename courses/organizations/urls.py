"""Organization admin pages (every one takes `org_slug`) and invitation acceptance."""

from django.urls import path

from courses.organizations import views

urlpatterns = [
    path("org/", views.org_list, name="org_list"),
    path("org/<slug:org_slug>/", views.org_overview, name="org_overview"),
    path("org/<slug:org_slug>/invite/", views.org_invite, name="org_invite"),
    path("org/<slug:org_slug>/import/", views.org_import, name="org_import"),
    path("org/<slug:org_slug>/import/<token:import_id>/", views.org_import_preview, name="org_import_preview"),
    path("org/<slug:org_slug>/import/<token:import_id>/confirm/", views.org_import_confirm, name="org_import_confirm"),
    path("org/<slug:org_slug>/invitations/<id:pk>/revoke/", views.org_invitation_revoke, name="org_invitation_revoke"),
    path("org/<slug:org_slug>/invitations/<id:pk>/resend/", views.org_invitation_resend, name="org_invitation_resend"),
    path("org/<slug:org_slug>/dashboard/", views.org_dashboard, name="org_dashboard"),
    path("org/<slug:org_slug>/dashboard/export.csv", views.org_export, name="org_export"),
    path("invitations/<token:token>/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<token:token>/signup/", views.invitation_signup, name="invitation_signup"),
]
