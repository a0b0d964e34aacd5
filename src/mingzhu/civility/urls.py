app_name = "civility"

urlpatterns: list = []
