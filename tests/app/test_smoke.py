def test_start_page_renders(client):
    response = client.get("/", headers={"Accept-Language": "de"})
    assert response.status_code == 200
    assert 'lang="de"' in response.get_data(as_text=True)
