"""The public service page of a unit (`/layanan/<code>/`): its pledge, its service standards,
its live queue and last month's results, for anyone, without a login and without personal
data; and the QR poster that points to it."""
