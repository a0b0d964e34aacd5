app_name = "rural"

urlpatterns: list = []
