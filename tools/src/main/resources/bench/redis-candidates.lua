-- The candidate lookup of a Redis-centred design (bin/pangan bench's Redis peer).
-- KEYS[1] the NGOs' GEO set, KEYS[2] hash ngo -> radius_km, KEYS[3] hash ngo -> capacity_kg,
-- KEYS[4] hash of lookup points, index -> "lon lat quantity_kg"
-- ARGV[1] a lookup point's index (redis-benchmark's __rand_int__: zero-padded digits),
-- ARGV[2] the search radius in km (the farthest any NGO reaches), ARGV[3] how many nearest to look at
-- Returns the ids of up to five NGOs, nearest first, that reach the point and have room for it.
local point = redis.call('HGET', KEYS[4], tostring(tonumber(ARGV[1])))
if not point then
  return redis.error_reply('no lookup point ' .. ARGV[1])
end
local lon, lat, quantity = string.match(point, '(%S+) (%S+) (%S+)')
quantity = tonumber(quantity)
local near = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', lon, lat, 'BYRADIUS', ARGV[2], 'km',
  'ASC', 'COUNT', tonumber(ARGV[3]), 'WITHDIST')
if #near == 0 then
  return {}
end
local ids = {}
for i, hit in ipairs(near) do
  ids[i] = hit[1]
end
local radii = redis.call('HMGET', KEYS[2], unpack(ids))
local capacities = redis.call('HMGET', KEYS[3], unpack(ids))
local best = {}
for i, hit in ipairs(near) do
  if tonumber(hit[2]) <= tonumber(radii[i]) and tonumber(capacities[i]) >= quantity then
    best[#best + 1] = hit[1]
    if #best == 5 then
      break
    end
  end
end
return best
