app_name = "party"

urlpatterns: list = []
