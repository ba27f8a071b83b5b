"""Territory: administrative units over time, their names, communes, departments and successions."""
