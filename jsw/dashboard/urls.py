from django.urls import path

from jsw.dashboard.views import audit, data, edits, pages, reports

app_name = "dashboard"

urlpatterns = [
    path("", pages.scorecard, name="scorecard"),
    path("pi/<slug:indicator_id>/", pages.pi_detail, name="pi"),
    path("pi/<slug:indicator_id>/target/", edits.pi_target, name="pi-target"),
    path("pi/<slug:indicator_id>/commentary/", edits.pi_commentary, name="pi-commentary"),
    path("framework/", pages.framework_tree, name="framework"),
    path("targets/", edits.targets, name="targets"),
    path("targets/remove/", edits.target_remove, name="target-remove"),
    path("data/", data.imports, name="data"),
    path("data/upload/", data.upload, name="upload"),
    path("data/uploads/<int:job_id>/", data.job, name="job"),
    path("data/imports/<int:batch_id>/", data.batch, name="batch"),
    path("returns/", data.returns, name="returns"),
    path("reports/", reports.reports, name="reports"),
    path("reports/make/", reports.make, name="make-report"),
    path("reports/publish/", reports.publish, name="publish-report"),
    path("reports/published/<int:pack_id>/<str:fmt>/", reports.published, name="published"),
    path("reports/packs/<int:pack_id>/", reports.pack_status, name="pack"),
    path("reports/packs/<int:pack_id>/file/", reports.pack_file, name="pack-file"),
    path("audit/", audit.audit, name="audit"),
]
